"""A strict fake Discord: REST and gateway on loopback, each rule taken from Discord's
documentation and its OpenAPI description (``openapi.json``, with its licence)."""
