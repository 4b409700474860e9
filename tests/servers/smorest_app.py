"""A flask-smorest app (OpenAPI 3.0) with path-level parameters and marshmallow schemas."""

from __future__ import annotations

import marshmallow as ma
from flask import Flask, request
from flask.views import MethodView
from flask_smorest import Api, Blueprint


class PetSchema(ma.Schema):
    id = ma.fields.Int(dump_only=True)
    name = ma.fields.String(required=True)
    kind = ma.fields.String(validate=ma.validate.OneOf(["cat", "dog", "fish"]))
    age = ma.fields.Int(validate=ma.validate.Range(min=0, max=40))


class PetQuerySchema(ma.Schema):
    name = ma.fields.String()
    limit = ma.fields.Int(load_default=10)


def create_app(prefix: str = "/", openapi_version: str = "3.0.3") -> Flask:
    app = Flask("pets")
    app.config.update(
        API_TITLE="Pets",
        API_VERSION="1",
        OPENAPI_VERSION=openapi_version,
        OPENAPI_URL_PREFIX=prefix,
        OPENAPI_JSON_PATH="openapi.json",
    )
    api = Api(app)
    blp = Blueprint("pets", "pets", url_prefix="/pets", description="Pets")
    pets = {1: {"id": 1, "name": "Rex", "kind": "dog", "age": 3}}

    @blp.route("/")
    class Pets(MethodView):
        @blp.arguments(PetQuerySchema, location="query")
        @blp.response(200, PetSchema(many=True))
        def get(self, args):
            """List pets"""
            return [p for p in pets.values() if not args.get("name") or p["name"] == args["name"]][: args["limit"]]

        @blp.arguments(PetSchema)
        @blp.response(201, PetSchema)
        def post(self, new):
            """Add a pet"""
            new["id"] = max(pets) + 1
            pets[new["id"]] = new
            return new

    @blp.route("/<int:pet_id>")
    class PetById(MethodView):
        @blp.response(200, PetSchema)
        def get(self, pet_id):
            """Get a pet"""
            return pets.get(pet_id) or {"id": pet_id, "name": "?", "kind": request.args.get("kind", "cat")}

        @blp.response(204)
        def delete(self, pet_id):
            """Delete a pet"""
            pets.pop(pet_id, None)

    api.register_blueprint(blp)
    return app
