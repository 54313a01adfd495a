"""Two agencies beside the portal: A is a section of the portal, B has a host name of its own."""

import pytest

from agencies.provisioning import ensure_agency
from tests.cms.factories import UserFactory


@pytest.fixture
def agency_a(portal):
    return ensure_agency("soa", "Sở Ngoại vụ", name_en="Department of Foreign Affairs").agency


@pytest.fixture
def agency_b(portal):
    return ensure_agency(
        "phuongb",
        "Phường Vĩnh Phước",
        name_en="Vinh Phuoc Ward",
        hostname="vinhphuoc.localhost",
        kind="locality",
    ).agency


@pytest.fixture
def editor_a(agency_a):
    return UserFactory(username="editor_a", groups=[agency_a.editors_group.name])


@pytest.fixture
def approver_a(agency_a):
    return UserFactory(username="approver_a", groups=[agency_a.approvers_group.name])


@pytest.fixture
def editor_b(agency_b):
    return UserFactory(username="editor_b", groups=[agency_b.editors_group.name])
