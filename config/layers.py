"""The project's layers, lowest first: an app may import only its own layer and the ones below.

``tests/test_layers.py`` reads every project module with ``ast`` and enforces this order
(imports under ``if TYPE_CHECKING:`` do not count); docs/architecture.md draws the picture.
``config`` (settings, the root URLconf) wires everything together and sits above all apps.
"""

LAYERS: tuple[str, ...] = (
    "core",         # Vietnamese text, collation, errors, forms, middleware — imports no app
    "audit",        # the append-only change log
    "uploads",      # upload safety, staging, docx/xlsx readers shared by every importer
    "accounts",     # users, memberships, roles, the access declarations
    "api",          # REST API kit: tokens, bearer auth, pagination, errors (routers live in apps)
    "exports",      # background exports: jobs, the kind protocol apps register to, downloads
    "search",       # the search index and its document protocol (imports no source model)
    "orgs",         # organisation units, emulation blocks, reference data
    "guidance",     # guidance packs, campaigns
    "registry",     # registrations and exemplars
    "evaluation",   # evidence and the criteria engine
    "urging",       # reminders (đôn đốc): reasons are a protocol the apps above register to
    "fostering",    # fostering plans (kế hoạch bồi dưỡng, nhân rộng): criteria, actions, milestones
    "progress",     # progress updates per exemplar, lateness
    "inspections",  # inspections (kiểm tra): findings, conclusions, follow-ups
    "awards",       # award history (hồ sơ thành tích); catalogues of titles and of forms
    "proposals",    # proposals for recognition / commendation, screening by the standing office
    "council",      # the council: members, meetings, conflicts, votes, the tally, minutes
    "decisions",    # numbered decisions (Nghị định 30/2020), revocation; they write the history
    "replication",  # nhân rộng: a model or exemplar adopted by other units, its spread
    "propagation",  # tuyên truyền: introductions to channels (data), the media kit
    "publication",  # the public site: four-eyes publications, gallery, open data, feed, sitemap
    "discovery",    # phát hiện: citizens' suggestions, screened and routed by the standing office
    "reviews",      # sơ kết, tổng kết: review periods, statistics by current / former units, report
    "benchmarks",   # dataset generator and timed scenarios; the people's names
    "portal",       # the roof: home, navigation, demo data, umbrella commands
)

# Not apps, but project code the layer test reads: the wiring above every layer.
ABOVE_ALL: tuple[str, ...] = ("config",)
