"""Imports every domain's models, so Alembic and tests see the whole schema."""

from custodiet.alerts import models as alerts_models  # noqa: F401
from custodiet.audit import models as audit_models  # noqa: F401
from custodiet.cases import models as cases_models  # noqa: F401
from custodiet.ingest import models as ingest_models  # noqa: F401
from custodiet.intelligence import models as intelligence_models  # noqa: F401
from custodiet.users import models as users_models  # noqa: F401
from custodiet.vetting import models as vetting_models  # noqa: F401
