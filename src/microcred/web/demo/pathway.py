"""The demo's pathway: "Veri Bilimi Sertifika Programı", with its learner half-way.

Two micro-credentials of the demo university make up the programme (the data-literacy one
every demo learner holds, and an introduction to machine learning nobody has earned yet),
at least 5 ECTS, EQF 6 or above; the programme's own specification is the stacked
credential's. The demo learner follows it: her passport shows one rule of three met.
"""

from __future__ import annotations

from microcred.accounts.models import User
from microcred.catalog import services as catalog
from microcred.catalog.models import SpecificationVersion
from microcred.organizations.deployment import public_base_url
from microcred.organizations.keys import did_for
from microcred.organizations.models import Organization
from microcred.pathways import services as pathways
from microcred.pathways.models import Pathway
from microcred.web.demo.specification import demo_elements

ML_TITLE = "Makine Öğrenmesine Giriş / Introduction to Machine Learning"
PROGRAMME_TITLE = "Veri Bilimi Sertifika Programı / Data Science Certificate Programme"


def _published(org: Organization, designer: User, title: str) -> SpecificationVersion:
    elements = demo_elements(issuer_did=did_for(org), name=org.name, base_url=public_base_url())
    draft = catalog.create_specification(
        org, designer, elements.model_copy(update={"title": title}), hours_per_ects=28
    )
    return catalog.publish(draft)


def seed_pathway(
    org: Organization, designer: User, literacy: SpecificationVersion, learner: User
) -> Pathway:
    ml = _published(org, designer, ML_TITLE)
    programme = _published(org, designer, PROGRAMME_TITLE)
    pathway = pathways.create_pathway(
        org,
        designer,
        pathways.Basics(
            name_en="Data Science Certificate Programme",
            name_tr="Veri Bilimi Sertifika Programı",
            description_en="Two micro-credentials in data literacy and machine learning "
            "make up the certificate programme.",
            description_tr="Veri okuryazarlığı ve makine öğrenmesi alanındaki iki "
            "mikro-yeterlilik sertifika programını oluşturur.",
            target=programme.specification.public_id,
        ),
    )
    parts = [literacy, ml]
    components = [{"kind": "spec", "ref": v.specification.public_id} for v in parts]
    pathways.add_rule(pathway, {"kind": "all_of", "components": components})
    pathways.add_rule(pathway, {"kind": "min_ects", "ects": "5"})
    pathways.add_rule(pathway, {"kind": "min_level", "framework": "eqf", "level": 6})
    pathways.publish(pathway)
    pathways.follow(learner, pathway)
    return pathway
