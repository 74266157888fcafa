"""Reading a Microsoft Teams meeting attendance report into people and minutes.

Teams writes two layouts: the new one in numbered sections ("1. Summary",
"2. Participants" with one row per person, "3. In-Meeting Activities" with one row
per join), usually UTF-16 with tabs; the older one a summary and then one flat table
("Full Name", "Join Time", "Leave Time", "Duration", ...) with a row per join,
often UTF-8 with a byte-order mark and commas. Rows of one person are summed.
"""

import csv
import io
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

NAME_COLUMNS = ("name", "full name", "participant name")
DURATION_COLUMNS = (
    "in-meeting duration",
    "duration",
    "attendance duration",
    "time in meeting",
)
EMAIL_COLUMNS = ("email", "email address")
UPN_COLUMNS = ("participant id (upn)", "upn", "participant id")
ROLE_COLUMNS = ("role",)
ORGANISER_ROLES = frozenset({"organizer", "organiser", "co-organizer", "presenter"})
SECTION = re.compile(r"^\s*\d+\.\s*(.+?)\s*$")
UNITS = re.compile(r"(\d+)\s*([hms])", re.IGNORECASE)
CLOCK = re.compile(r"^(?:(\d+):)?(\d{1,2}):(\d{2})$")


class ReportError(ValueError):
    """The file is not an attendance report this module can read; says why."""


@dataclass
class Participant:
    """One person in the report, with every row of theirs summed."""

    name: str
    email: str
    seconds: int = 0
    rows: int = 0
    is_organiser: bool = False

    @property
    def minutes(self) -> int:
        """Whole minutes in the meeting, rounded down."""
        return self.seconds // 60


def duration_seconds(text: str) -> int:
    """Seconds in "1h 5m 3s", "45m 12s", "59s" or a clock form "01:05:03"."""
    text = text.strip()
    if not text:
        return 0
    clock = CLOCK.match(text)
    if clock:
        hours, minutes, seconds = (int(part or 0) for part in clock.groups())
        return hours * 3600 + minutes * 60 + seconds
    parts = UNITS.findall(text)
    if not parts or UNITS.sub("", text).strip():
        raise ReportError(_("A duration could not be read."))
    factor = {"h": 3600, "m": 60, "s": 1}
    return sum(int(number) * factor[unit.lower()] for number, unit in parts)


def decode(content: bytes) -> str:
    """The report's text, from UTF-16 (with its byte-order mark), UTF-8 or Windows-1252."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        return content.decode("utf-16")
    if content.startswith(b"\xef\xbb\xbf"):
        return content.decode("utf-8-sig")
    # UTF-16 without a byte-order mark: every other byte of plain text is zero.
    if len(content) > 3 and content[1] == 0 and content[3] == 0:
        return content.decode("utf-16-le", errors="replace")
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="replace")


def _rows(text: str) -> list[list[str]]:
    lines = text.splitlines()
    delimiter = "\t" if any("\t" in line for line in lines) else ","
    return [
        [cell.strip() for cell in row]
        for row in csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
    ]


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    lowered = [cell.lower() for cell in header]
    for name in names:
        if name in lowered:
            return lowered.index(name)
    return None


@dataclass
class _Table:
    section: str
    header: list[str]
    rows: list[list[str]]


def _tables(rows: list[list[str]]) -> list[_Table]:
    """Every table with a name and a duration column, with the section it is under."""
    tables, section, current = [], "", None
    for row in rows:
        filled = [cell for cell in row if cell]
        if not filled:
            current = None
            continue
        heading = SECTION.match(filled[0]) if len(filled) == 1 else None
        if heading:
            section, current = heading.group(1).lower(), None
            continue
        if current is not None:
            current.rows.append(row)
        elif (
            _column(row, NAME_COLUMNS) is not None
            and _column(row, DURATION_COLUMNS) is not None
        ):
            current = _Table(section, row, [])
            tables.append(current)
    return tables


def _email(row: list[str], header: list[str]) -> str:
    for names in (EMAIL_COLUMNS, UPN_COLUMNS):
        index = _column(header, names)
        value = (
            row[index].strip().lower() if index is not None and index < len(row) else ""
        )
        # A guest's UPN ("name_domain#EXT#@tenant") is not an address to match on.
        if "@" in value and "#ext#" not in value:
            return value
    return ""


def read_report(content: bytes) -> list[Participant]:
    """The people in an attendance report, each once, with their minutes summed.

    Prefers the per-person "Participants" section of the new layout; otherwise the
    first table of joins. People are told apart by email, or by name without one.
    """
    tables = _tables(_rows(decode(content)))
    if not tables:
        raise ReportError(
            _(
                "No table of participants with a name and a duration was found. "
                "Download the attendance report from the meeting in Teams and "
                "upload it as it is."
            )
        )
    table = next((t for t in tables if t.section == "participants"), tables[0])
    name_at = _column(table.header, NAME_COLUMNS)
    duration_at = _column(table.header, DURATION_COLUMNS)
    role_at = _column(table.header, ROLE_COLUMNS)
    people: dict[str, Participant] = {}
    for row in table.rows:
        row = row + [""] * (len(table.header) - len(row))
        name = " ".join(row[name_at].split())
        if not name:
            continue
        email = _email(row, table.header)
        person = people.setdefault(
            email or name.casefold(), Participant(name=name, email=email)
        )
        person.seconds += duration_seconds(row[duration_at])
        person.rows += 1
        if role_at is not None and row[role_at].lower() in ORGANISER_ROLES:
            person.is_organiser = True
    if not people:
        raise ReportError(_("The report lists nobody."))
    return list(people.values())
