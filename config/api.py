"""The REST API at /api/v1/: one NinjaAPI, each app contributing its router (docs/api.md).

The routers are thin: they call the same selectors and services as the web pages, so the
permission, validation, audit log and mail are the web's."""

from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI, Swagger

from api import errors
from api.parser import NFCParser
from api.renderers import VietnameseJSON
from api.throttling import TokenRateThrottle
from awards.api import catalogue as award_catalogue
from awards.api import subjects as award_subjects
from council.api import router as council
from decisions.api import router as decisions
from discovery.api import router as discovery
from evaluation.api import router as evaluation
from exports.api import router as exports
from fostering.api import plans as fostering_plans
from guidance.api import campaigns, packs
from inspections.api import router as inspections
from orgs.api import router as units
from progress.api import router as progress
from propagation.api import router as propagation
from proposals.api import router as proposals
from publication.api import router as publications
from registry.api import compiled, exemplars, registrations
from replication.api import router as replication
from reviews.api import router as reviews
from search.api import router as search
from urging.api import router as urging

api = NinjaAPI(
    title="dienhinh — API",
    version="1",
    description=str(_("API của hệ thống xây dựng và nhân rộng mô hình tiêu biểu, điển hình tiên "
                      "tiến tỉnh Lai Châu. Xác thực: Authorization: Bearer <khóa API>.")),
    urls_namespace="api",
    parser=NFCParser(),
    renderer=VietnameseJSON(),
    throttle=[TokenRateThrottle()],
    docs=Swagger(settings={"persistAuthorization": False, "docExpansion": "none"}),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)

api.add_router("/units/", units)
api.add_router("/registrations/", registrations)
api.add_router("/exemplars/", exemplars)
api.add_router("/compiled-list/", compiled)
api.add_router("/packs/", packs)
api.add_router("/campaigns/", campaigns)
api.add_router("/evaluation/", evaluation)
api.add_router("/search/", search)
api.add_router("/reminders/", urging)
api.add_router("/progress/", progress)
api.add_router("/suggestions/", discovery)
api.add_router("/inspections/", inspections)
api.add_router("/fostering-plans/", fostering_plans)
api.add_router("/proposals/", proposals)
api.add_router("/award-catalogue/", award_catalogue)
api.add_router("/award-subjects/", award_subjects)
api.add_router("/council/", council)
api.add_router("/decisions/", decisions)
api.add_router("/propagation/", propagation)
api.add_router("/replication/", replication)
api.add_router("/publications/", publications)
api.add_router("/reviews/", reviews)
api.add_router("/exports/", exports)
