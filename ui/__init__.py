"""apiface's person side: widgets, outputs, the Gradio app, the CLI and the demo API."""
