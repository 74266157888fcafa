"""What an archive holds, written beside the data so a restore can check it."""

import json
from dataclasses import asdict, dataclass, field

FORMAT = 1
ENGINES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


@dataclass(frozen=True)
class Media:
    """The media files in the archive, or why there are none."""

    included: bool
    files: int = 0
    sha256: str = ""
    note: str = ""


@dataclass(frozen=True)
class Manifest:
    """Engine, migration state, rows per table and checksums of one backup."""

    created_at: str
    engine: str
    database_file: str
    database_sha256: str
    migrations: dict[str, str]
    tables: dict[str, int]
    media: Media = field(default_factory=lambda: Media(included=False))
    format: int = FORMAT

    def to_json(self) -> bytes:
        data = asdict(self)
        data["database"] = {
            "file": data.pop("database_file"),
            "sha256": data.pop("database_sha256"),
        }
        return json.dumps(data, indent=2, sort_keys=True).encode()

    @classmethod
    def from_json(cls, raw: bytes) -> "Manifest":
        """Parse a manifest; ValueError names what is missing or wrong."""
        try:
            data = json.loads(raw)
            if data["format"] != FORMAT:
                raise ValueError(f"manifest format {data['format']!r} is not {FORMAT}")
            database = data["database"]
            manifest = cls(
                created_at=str(data["created_at"]),
                engine=str(data["engine"]),
                database_file=str(database["file"]),
                database_sha256=str(database["sha256"]),
                migrations={str(k): str(v) for k, v in data["migrations"].items()},
                tables={str(k): int(v) for k, v in data["tables"].items()},
                media=Media(**data["media"]),
            )
        except (KeyError, TypeError, AttributeError, json.JSONDecodeError) as error:
            raise ValueError(f"the manifest is incomplete ({error})") from error
        if ENGINES.get(manifest.engine) != manifest.database_file:
            raise ValueError("the manifest names an unknown database engine or file")
        return manifest

    @property
    def rows(self) -> int:
        return sum(self.tables.values())
