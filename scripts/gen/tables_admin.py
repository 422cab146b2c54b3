"""The admin API's part of the types generator's tables (tables.py merges it): its group
modules, one per official package (`openai.types.admin.organization.projects`, ...), with the
official params names of their operations, as tables.MODULES has them for the other groups.
The sub-packages share many schemas (a role, a role assignment): their home is the
organization's module, which the others import (tables.GROUP_HOMES)."""

from __future__ import annotations

import re

# Where a schema lives that several admin modules reach: lead module -> the modules it leads
# (tables.GROUP_HOMES). The role assignments of groups and users (organization or project
# level) share their schemas: they live in `groups`, the others import them. (A family of
# `users` for a user's own assignment would take `projects.users` out of the users of the
# `groups` schemas: their official paths there would go.)
HOMES: dict[str, tuple[str, ...]] = {
    "admin.organization": ("admin.",),
    "admin.organization.groups": (
        "admin.organization.groups",
        "admin.organization.users",
        "admin.organization.projects.groups",
        "admin.organization.projects.users",
    ),
}
# Schemas a lead serves beside its operations' (tables.EXTRA_ROOTS): so that those its
# followers alone reach live in it rather than in `shared`.
EXTRA_ROOTS: dict[str, list[str]] = {
    "admin.organization.groups": ["UserRoleAssignment"],
}

# spec schema name -> official class name (tables.NAMES), from the official methods' results.
# Where the official package has several sub-packages' classes for one schema, this is the
# name in the schema's home module (the role assignments' in `groups`). A user's role
# assignment keeps its spec name: `groups` has the group's `RoleCreateResponse`.
NAMES: dict[str, str] = {
    "AdminApiKeyCreateResponse": "AdminAPIKeyCreateResponse",
    "AdminApiKey": "AdminAPIKey",
    "AuditLog": "AuditLogListResponse",
    "OrganizationCertificate": "CertificateListResponse",
    "OrganizationProjectCertificate": "CertificateListResponse",
    "DeleteCertificateResponse": "CertificateDeleteResponse",
    "GroupResponse": "Group",
    "GroupDeletedResource": "GroupDeleteResponse",
    "GroupResourceWithSuccess": "GroupUpdateResponse",
    "GroupRoleAssignment": "RoleCreateResponse",
    "DeletedRoleAssignmentResource": "RoleDeleteResponse",
    "AssignedRoleDetails": "RoleRetrieveResponse",
    "GroupUserAssignment": "UserCreateResponse",
    "GroupUserDeletedResource": "UserDeleteResponse",
    "GroupUser": "OrganizationGroupUser",
    "GroupMemberUser": "UserRetrieveResponse",
    "ProjectApiKeyDeleteResponse": "APIKeyDeleteResponse",
    "ProjectApiKey": "ProjectAPIKey",
    "ProjectGroupDeletedResource": "GroupDeleteResponse",
    "ProjectModelPermissionsDeleteResponse": "ProjectModelPermissionsDeleted",
    "RoleDeletedResource": "RoleDeleteResponse",
    "ServiceAccountApiKeyBody": "APIKeyCreateResponse",
    "ProjectServiceAccountCreateResponse": "ServiceAccountCreateResponse",
    "ProjectServiceAccountDeleteResponse": "ServiceAccountDeleteResponse",
    "ProjectSpendAlertDeletedResource": "ProjectSpendAlertDeleted",
    "ProjectSpendLimitDeletedResource": "ProjectSpendLimitDeleted",
    "ProjectSpendLimitResource": "ProjectSpendLimit",
    "ProjectUserDeleteResponse": "UserDeleteResponse",
    "OrganizationSpendAlertDeletedResource": "OrganizationSpendAlertDeleted",
    "OrganizationSpendLimitDeletedResource": "OrganizationSpendLimitDeleted",
    "OrganizationSpendLimitResource": "OrganizationSpendLimit",
    "User": "OrganizationUser",
}


def _snake(name: str) -> str:
    """`UsageAudioSpeeches` -> `usage_audio_speeches` (an official module's name)."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


# Extra public names of a class (tables.ALIASES): the official package has one per method.
USAGE = (
    "AudioSpeeches",
    "AudioTranscriptions",
    "CodeInterpreterSessions",
    "Completions",
    "Costs",
    "Embeddings",
    "FileSearchCalls",
    "Images",
    "Moderations",
    "VectorStores",
    "WebSearchCalls",
)


ALIASES: dict[str, list[str]] = {
    "UsageResponse": [f"Usage{api}Response" for api in USAGE],
    "CertificateListResponse": ["CertificateActivateResponse", "CertificateDeactivateResponse"],
    "RoleRetrieveResponse": ["RoleListResponse"],
}
# The usage results (and a cost's amount) in each usage answer's module, which the structural
# match (official_match.py) cannot pair: the official fields differ from the spec's, and the
# embeddings and moderations results have the same fields (only their `object` tags differ).
# Official (module, name) -> our class of that schema (named_inline.CLASS_NAMES takes them).
_RESULTS = {
    "CostsResult": "CostsResult",
    "CostsResultAmount": "CostsResultAmount",
    "UsageCompletionsResult": "UsageCompletionsResult",
    "UsageEmbeddingsResult": "UsageEmbeddingsResult",
    "UsageModerationsResult": "UsageModerationsResult",
    "UsageWebSearchesResult": "UsageWebSearchCallsResult",
}
CLASS_NAMES: dict[tuple[str, str], str] = {
    (f"admin.organization.{_snake(api)}_response", f"DataResultOrganization{official}"): ours
    for api in ("Usage" + name for name in USAGE)
    for official, ours in _RESULTS.items()
} | {
    # a user's role assignment (organization or project level): `UserRoleAssignment` in
    # `groups`, whose own `RoleCreateResponse` is the group's
    (f"admin.organization.{pkg}users{module}", "RoleCreateResponse"): "UserRoleAssignment"
    for pkg in ("", "projects.")
    for module in ("", ".role_create_response")
}

# The official field order where the rule gives another (overrides.ORDER): the new key's
# `value` after the fields of the key it extends.
ORDER: dict[str, tuple[str, ...]] = {
    "AdminApiKeyCreateResponse": (
        *("id", "created_at", "expires_at", "object", "owner", "redacted_value"),
        *("last_used_at", "name", "value"),
    ),
}

# The same for request TypedDicts (tables.PARAM_ALIASES): one body, two methods.
PARAM_ALIASES: dict[str, list[str]] = {
    "SpendAlertCreateParams": ["SpendAlertUpdateParams"],
    "CertificateActivateParams": ["CertificateDeactivateParams"],
}

# module (dotted, under openai_oxide.types) -> {operationId: params class name or None}
MODULES: dict[str, dict[str, str | None]] = {
    "admin.organization": {
        "admin-api-keys-create": "AdminAPIKeyCreateParams",
        "admin-api-keys-delete": None,
        "admin-api-keys-list": "AdminAPIKeyListParams",
        "admin-api-keys-get": None,
        "list-audit-logs": "AuditLogListParams",
        "activateOrganizationCertificates": "CertificateActivateParams",
        "uploadCertificate": "CertificateCreateParams",
        "deactivateOrganizationCertificates": "CertificateDeactivateParams",
        "deleteCertificate": None,
        "listOrganizationCertificates": "CertificateListParams",
        "getCertificate": "CertificateRetrieveParams",
        "modifyCertificate": "CertificateUpdateParams",
        "retrieve-organization-data-retention": None,
        "update-organization-data-retention": "DataRetentionUpdateParams",
        "create-group": "GroupCreateParams",
        "delete-group": None,
        "list-groups": "GroupListParams",
        "retrieve-group": None,
        "update-group": "GroupUpdateParams",
        "inviteUser": "InviteCreateParams",
        "delete-invite": None,
        "list-invites": "InviteListParams",
        "retrieve-invite": None,
        "archive-project": None,
        "create-project": "ProjectCreateParams",
        "list-projects": "ProjectListParams",
        "retrieve-project": None,
        "modify-project": "ProjectUpdateParams",
        "create-role": "RoleCreateParams",
        "delete-role": None,
        "list-roles": "RoleListParams",
        "retrieve-role": None,
        "update-role": "RoleUpdateParams",
        "create-organization-spend-alert": "SpendAlertCreateParams",
        "delete-organization-spend-alert": None,
        "list-organization-spend-alerts": "SpendAlertListParams",
        "retrieve-organization-spend-alert": None,
        "update-organization-spend-alert": "SpendAlertUpdateParams",
        "Deleteorganizationspendlimit": None,
        "Getorganizationspendlimit": None,
        "Updateorganizationspendlimit": "SpendLimitUpdateParams",
        "usage-audio-speeches": "UsageAudioSpeechesParams",
        "usage-audio-transcriptions": "UsageAudioTranscriptionsParams",
        "usage-code-interpreter-sessions": "UsageCodeInterpreterSessionsParams",
        "usage-completions": "UsageCompletionsParams",
        "usage-costs": "UsageCostsParams",
        "usage-embeddings": "UsageEmbeddingsParams",
        "usage-file-search-calls": "UsageFileSearchCallsParams",
        "usage-images": "UsageImagesParams",
        "usage-moderations": "UsageModerationsParams",
        "usage-vector-stores": "UsageVectorStoresParams",
        "usage-web-search-calls": "UsageWebSearchCallsParams",
        "delete-user": None,
        "list-users": "UserListParams",
        "retrieve-user": None,
        "modify-user": "UserUpdateParams",
    },
    "admin.organization.groups": {
        "assign-group-role": "RoleCreateParams",
        "unassign-group-role": None,
        "list-group-role-assignments": "RoleListParams",
        "retrieve-group-role": None,
        "add-group-user": "UserCreateParams",
        "remove-group-user": None,
        "list-group-users": "UserListParams",
        "retrieve-group-user": None,
    },
    "admin.organization.projects": {
        "delete-project-api-key": None,
        "list-project-api-keys": "APIKeyListParams",
        "retrieve-project-api-key": None,
        "activateProjectCertificates": "CertificateActivateParams",
        "deactivateProjectCertificates": "CertificateDeactivateParams",
        "listProjectCertificates": "CertificateListParams",
        "retrieve-project-data-retention": None,
        "update-project-data-retention": "DataRetentionUpdateParams",
        "add-project-group": "GroupCreateParams",
        "remove-project-group": None,
        "list-project-groups": "GroupListParams",
        "retrieve-project-group": "GroupRetrieveParams",
        "retrieve-project-hosted-tool-permissions": None,
        "update-project-hosted-tool-permissions": "HostedToolPermissionUpdateParams",
        "delete-project-model-permissions": None,
        "retrieve-project-model-permissions": None,
        "update-project-model-permissions": "ModelPermissionUpdateParams",
        "list-project-rate-limits": "RateLimitListRateLimitsParams",
        "update-project-rate-limits": "RateLimitUpdateRateLimitParams",
        "create-project-role": "RoleCreateParams",
        "delete-project-role": None,
        "list-project-roles": "RoleListParams",
        "retrieve-project-role": None,
        "update-project-role": "RoleUpdateParams",
        "create-project-service-account": "ServiceAccountCreateParams",
        "delete-project-service-account": None,
        "list-project-service-accounts": "ServiceAccountListParams",
        "retrieve-project-service-account": None,
        "update-project-service-account": "ServiceAccountUpdateParams",
        "create-project-spend-alert": "SpendAlertCreateParams",
        "delete-project-spend-alert": None,
        "list-project-spend-alerts": "SpendAlertListParams",
        "retrieve-project-spend-alert": None,
        "update-project-spend-alert": "SpendAlertUpdateParams",
        "Deleteprojectspendlimit": None,
        "Getprojectspendlimit": None,
        "Updateprojectspendlimit": "SpendLimitUpdateParams",
        "create-project-user": "UserCreateParams",
        "delete-project-user": None,
        "list-project-users": "UserListParams",
        "retrieve-project-user": None,
        "modify-project-user": "UserUpdateParams",
    },
    "admin.organization.projects.groups": {
        "assign-project-group-role": "RoleCreateParams",
        "unassign-project-group-role": None,
        "list-project-group-role-assignments": "RoleListParams",
        "retrieve-project-group-role": None,
    },
    "admin.organization.projects.service_accounts": {
        "CreateanAPIkeyforaserviceaccount": "APIKeyCreateParams",
    },
    "admin.organization.projects.users": {
        "assign-project-user-role": "RoleCreateParams",
        "unassign-project-user-role": None,
        "list-project-user-role-assignments": "RoleListParams",
        "retrieve-project-user-role": None,
    },
    "admin.organization.users": {
        "assign-user-role": "RoleCreateParams",
        "unassign-user-role": None,
        "list-user-role-assignments": "RoleListParams",
        "retrieve-user-role": None,
    },
}

# Responses answered with an inline schema (no $ref): operationId -> class name.
INLINE_RESPONSES: dict[str, str] = {"admin-api-keys-delete": "AdminAPIKeyDeleteResponse"}


def reexported(module: str, imports: dict[str, set[str]]) -> set[str]:
    """What an admin module gives of the names it imports from its lead: all of them (the
    official package has each class of its operations: `projects.RoleCreateParams` is the
    organization's, one schema), so that an operation's body, used by no field, is exported."""
    if not module.startswith("admin."):
        return set()
    return {n.rpartition(" as ")[2] for w, names in imports.items() if w in HOMES for n in names}
