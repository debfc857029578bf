"""JSON Schema for the files curators write, so editors check them while they type."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from bot.records.models import Actor, Fact, SourceHeader, Synonyms, Topic


class KnowledgeFile(BaseModel):
    """A knowledge file: any of the four sections, each a list of records."""

    model_config = ConfigDict(extra="forbid", title="briefbot knowledge file")

    actors: list[Actor] = []
    facts: list[Fact] = []
    topics: list[Topic] = []
    synonyms: list[Synonyms] = []


SCHEMAS: dict[str, type[BaseModel]] = {
    "knowledge.schema.json": KnowledgeFile,
    "seed-header.schema.json": SourceHeader,
}


def schemas() -> dict[str, dict[str, Any]]:
    return {name: model.model_json_schema() for name, model in SCHEMAS.items()}


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, schema in schemas().items():
        path = folder / name
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written
