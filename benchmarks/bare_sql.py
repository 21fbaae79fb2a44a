"""The single raw SQL queries that produce each scenario's result: the lower bounds.

Run through ``connection.cursor()`` and fetched completely, so the ratio scenario / bare SQL
is what the ORM, Python and templates add on top of the database's own work.
"""

import datetime
from collections.abc import Callable

from django.db import connection, transaction

from registry.enums import ExemplarKind

KINDS = [kind.value for kind in ExemplarKind]


def run(sql: str, params: list) -> Callable[[], list[tuple]]:
    def query() -> list[tuple]:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    return query


def rolled_back(sql: str, params: list) -> Callable[[], None]:
    """A writing statement, inside a transaction that is rolled back."""
    def statement() -> None:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, params)
            transaction.set_rollback(True)

    return statement


def exemplar_insert_floor(registration_id: int, rows: int) -> tuple[str, list]:
    """The database's own cost of an import's writes: ``rows`` entries copied into the
    registration by one ``INSERT … SELECT`` (no validation, audit or search index)."""
    from registry.models import Exemplar

    columns = [f.column for f in Exemplar._meta.concrete_fields if not f.primary_key]
    picked = ", ".join("%s" if c == "registration_id" else c for c in columns)
    sql = f"""INSERT INTO registry_exemplar ({", ".join(columns)})
              SELECT {picked} FROM registry_exemplar
              WHERE registration_id <> %s ORDER BY id LIMIT %s"""
    return sql, [registration_id, registration_id, rows]


def dashboard(campaign_id: int, day: datetime.date, unit_types: list[str],
              tree_prefix: str) -> tuple[str, list]:
    """Units that must register with registration state, lateness and counts by kind."""
    counts = ", ".join(
        f"COUNT(CASE WHEN e.kind = '{kind}' THEN 1 END) AS n_{kind}" for kind in KINDS
    )
    types = ", ".join(["%s"] * len(unit_types))
    sql = f"""
        SELECT u.id, u.name, r.id, r.state, r.is_late, {counts}
        FROM orgs_unit u
        LEFT JOIN registry_registration r ON r.unit_id = u.id AND r.campaign_id = %s
        LEFT JOIN registry_exemplar e ON e.registration_id = r.id
        WHERE u.valid_from <= %s AND (u.valid_to IS NULL OR u.valid_to >= %s)
          AND u.unit_type IN ({types}) AND u.tree_path LIKE %s
        GROUP BY u.id, u.name, u.unit_type, u.sort_key, r.id, r.state, r.is_late
        ORDER BY u.unit_type, u.sort_key, u.id"""
    return sql, [campaign_id, day, day, *unit_types, f"{tree_prefix}%"]


def unit_page(day: datetime.date) -> tuple[str, list]:
    sql = """SELECT * FROM orgs_unit
             WHERE valid_from <= %s AND (valid_to IS NULL OR valid_to >= %s)
             ORDER BY unit_type, sort_key, name LIMIT 50"""
    return sql, [day, day]


SENT = ("submitted", "received")  # registry.enums.SENT_STATES: the compiled list's default


def compiled_page(campaign_id: int, offset: int = 0, limit: int | None = 100
                  ) -> tuple[str, list]:
    """The compiled list's page (``limit`` rows from ``offset``; ``limit=None``: every row, the
    lower bound of an export): exemplars of sent registrations, kinds in form order, then the
    ICU key and the id — the ``exemplar_compiled_order`` index walked in order."""
    page = "" if limit is None else f" LIMIT {int(limit)} OFFSET {int(offset)}"
    sql = f"""SELECT e.*, u.name FROM registry_exemplar e
              JOIN registry_registration r ON r.id = e.registration_id
              JOIN orgs_unit u ON u.id = r.unit_id
              WHERE e.campaign_id = %s AND r.state IN (%s, %s)
              ORDER BY e.form_order, e.sort_key, e.id{page}"""
    return sql, [campaign_id, *SENT]


def compiled_last_page(campaign_id: int, rows: int) -> tuple[str, list]:
    """The compiled list's last page (``rows`` rows): the same index walked backwards."""
    sql = """SELECT e.*, u.name FROM registry_exemplar e
             JOIN registry_registration r ON r.id = e.registration_id
             JOIN orgs_unit u ON u.id = r.unit_id
             WHERE e.campaign_id = %s AND r.state IN (%s, %s)
             ORDER BY e.form_order DESC, e.sort_key DESC, e.id DESC LIMIT %s"""
    return sql, [campaign_id, *SENT, rows]


def compiled_page_after(campaign_id: int, form_order: int, sort_key: bytes,
                        exemplar_id: int) -> tuple[str, list]:
    """A deep page of the compiled list by keyset: the 100 rows after a row's sort values."""
    sql = """SELECT e.*, u.name FROM registry_exemplar e
             JOIN registry_registration r ON r.id = e.registration_id
             JOIN orgs_unit u ON u.id = r.unit_id
             WHERE e.campaign_id = %s AND r.state IN (%s, %s)
               AND (e.form_order, e.sort_key, e.id) > (%s, %s, %s)
             ORDER BY e.form_order, e.sort_key, e.id LIMIT 100"""
    return sql, [campaign_id, *SENT, form_order, sort_key, exemplar_id]


BASELINE_TRGM_INDEX = "bench_exemplar_folded_trgm"


def ensure_trigram_baseline_index() -> bool:
    """The bare trigram query needs its GIN index; the bench creates it in its own database.
    True when it had to be created."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_indexes WHERE indexname = %s", [BASELINE_TRGM_INDEX])
        if cursor.fetchone():
            return False
        cursor.execute(
            f"CREATE INDEX IF NOT EXISTS {BASELINE_TRGM_INDEX} ON registry_exemplar "
            "USING gin (folded_name gin_trgm_ops)"
        )
        cursor.execute("ANALYZE registry_exemplar")
    return True


def search(folded_query: str) -> tuple[str, list]:
    """PostgreSQL: the bare trigram query of the issue — ``folded_name % q`` ordered by
    similarity, on a GIN trigram index over the stored folded name. SQLite has no trigram
    index: a folded substring scan stands in."""
    if connection.vendor == "postgresql":
        sql = """SELECT id, name FROM registry_exemplar
                 WHERE folded_name %% %s
                 ORDER BY similarity(folded_name, %s) DESC LIMIT 20"""
        return sql, [folded_query, folded_query]
    sql = """SELECT id, name FROM registry_exemplar
             WHERE folded_name LIKE %s LIMIT 20"""
    return sql, [f"%{folded_query}%"]


def evidence_rows(max_exemplar_id: int, campaign_id: int) -> tuple[str, list]:
    """Lower bound of loading evaluation input: every annual rating of the exemplars."""
    sql = """SELECT l.exemplar_id, a.year, a.level FROM evaluation_exemplarsubject l
             JOIN registry_exemplar e ON e.id = l.exemplar_id
             JOIN registry_registration r ON r.id = e.registration_id
             JOIN evaluation_annualrating a ON a.subject_id = l.subject_id
             WHERE r.campaign_id = %s AND e.id <= %s"""
    return sql, [campaign_id, max_exemplar_id]


def review_figures(campaign_id: int, day: datetime.date, unit_types: list[str],
                   starts_on: datetime.date, ends_on: datetime.date) -> tuple[str, list]:
    """The review's main figures in one statement: units required to register by type, the
    registrations sent to the standing office, the exemplars of sent registrations by kind and
    by field, the adoptions started in the period."""
    types = ", ".join(["%s"] * len(unit_types))
    required = (f"u.valid_from <= %s AND (u.valid_to IS NULL OR u.valid_to >= %s) "
                f"AND u.unit_type IN ({types})")
    sent = "r.state IN ('submitted', 'received')"
    sql = f"""
        SELECT 'required', u.unit_type, COUNT(*) FROM orgs_unit u WHERE {required}
        GROUP BY u.unit_type
        UNION ALL
        SELECT 'registered', '', COUNT(*) FROM registry_registration r
        JOIN orgs_unit u ON u.id = r.unit_id WHERE r.campaign_id = %s AND {sent} AND {required}
        UNION ALL
        SELECT 'kind', e.kind, COUNT(*) FROM registry_exemplar e
        JOIN registry_registration r ON r.id = e.registration_id
        WHERE r.campaign_id = %s AND {sent} GROUP BY e.kind
        UNION ALL
        SELECT 'field', e.field_key, COUNT(*) FROM registry_exemplar e
        JOIN registry_registration r ON r.id = e.registration_id
        WHERE r.campaign_id = %s AND {sent} GROUP BY e.field_key
        UNION ALL
        SELECT 'adoptions', '', COUNT(*) FROM replication_adoption a
        JOIN registry_exemplar e ON e.id = a.exemplar_id
        JOIN registry_registration r ON r.id = e.registration_id
        WHERE r.campaign_id = %s AND a.started_on >= %s AND a.started_on <= %s"""
    unit_params = [day, day, *unit_types]
    return sql, [*unit_params, campaign_id, *unit_params, campaign_id, campaign_id,
                 campaign_id, starts_on, ends_on]
