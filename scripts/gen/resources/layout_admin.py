"""The admin API's part of the resources layout (layout.py merges it): `client.admin.organization`
and its groups, each sending the admin key (the hand-written base `admin_auth.AdminAuth`).

Official groups the spec does not describe (`external_keys`, `external_storage`,
`workload_identity_providers`, `projects.service_tier_settings`) are not listed: there is
nothing to build them from (tests/client/test_method_coverage.py names them).
"""

from __future__ import annotations

# The hand-written base of every admin group: the admin key in place of the API key.
BASES = (("admin_auth", "AdminAuth"),)

MODULES: dict[str, str] = {
    "admin": "`client.admin.organization`: the organization's admin API keys, audit logs,"
    " certificates, data retention, invites, roles, spend alerts and spend limit; its groups,"
    " users, projects and usage come from `admin_members`, `admin_projects` and `admin_usage`."
    " Every call sends the admin key (`admin_api_key`, `OPENAI_ADMIN_KEY`).",
    "admin_members": "`client.admin.organization.groups` and `.users`: the organization's"
    " groups and users, their members and their role assignments (admin key).",
    "admin_projects": "`client.admin.organization.projects`: projects, their API keys,"
    " certificates, data retention, groups, permissions, rate limits, roles, service accounts,"
    " spend alerts, spend limit and users (admin key).",
    "admin_usage": "`client.admin.organization.usage`: the organization's usage by API, and"
    " its costs (admin key).",
}

# (dotted group under the client, resources module, class)
GROUPS: tuple[tuple[str, str, str], ...] = (
    ("admin", "admin", "AsyncAdmin"),
    ("admin.organization", "admin", "AsyncOrganization"),
    ("admin.organization.admin_api_keys", "admin", "AsyncAdminAPIKeys"),
    ("admin.organization.audit_logs", "admin", "AsyncAuditLogs"),
    ("admin.organization.certificates", "admin", "AsyncCertificates"),
    ("admin.organization.data_retention", "admin", "AsyncDataRetention"),
    ("admin.organization.invites", "admin", "AsyncInvites"),
    ("admin.organization.roles", "admin", "AsyncRoles"),
    ("admin.organization.spend_alerts", "admin", "AsyncSpendAlerts"),
    ("admin.organization.spend_limit", "admin", "AsyncSpendLimit"),
    ("admin.organization.usage", "admin_usage", "AsyncUsage"),
    ("admin.organization.groups", "admin_members", "AsyncGroups"),
    ("admin.organization.groups.roles", "admin_members", "AsyncGroupRoles"),
    ("admin.organization.groups.users", "admin_members", "AsyncGroupUsers"),
    ("admin.organization.users", "admin_members", "AsyncUsers"),
    ("admin.organization.users.roles", "admin_members", "AsyncUserRoles"),
    ("admin.organization.projects", "admin_projects", "AsyncProjects"),
    ("admin.organization.projects.api_keys", "admin_projects", "AsyncProjectAPIKeys"),
    ("admin.organization.projects.certificates", "admin_projects", "AsyncProjectCertificates"),
    (
        "admin.organization.projects.data_retention",
        "admin_projects",
        "AsyncDataRetention",  # `ProjectDataRetention` is the model
    ),
    ("admin.organization.projects.groups", "admin_projects", "AsyncProjectGroups"),
    ("admin.organization.projects.groups.roles", "admin_projects", "AsyncProjectGroupRoles"),
    (
        "admin.organization.projects.hosted_tool_permissions",
        "admin_projects",
        "AsyncHostedToolPermissions",
    ),
    ("admin.organization.projects.model_permissions", "admin_projects", "AsyncModelPermissions"),
    ("admin.organization.projects.rate_limits", "admin_projects", "AsyncRateLimits"),
    ("admin.organization.projects.roles", "admin_projects", "AsyncProjectRoles"),
    ("admin.organization.projects.service_accounts", "admin_projects", "AsyncServiceAccounts"),
    (
        "admin.organization.projects.service_accounts.api_keys",
        "admin_projects",
        "AsyncServiceAccountAPIKeys",
    ),
    ("admin.organization.projects.spend_alerts", "admin_projects", "AsyncProjectSpendAlerts"),
    ("admin.organization.projects.spend_limit", "admin_projects", "AsyncProjectSpendLimit"),
    ("admin.organization.projects.users", "admin_projects", "AsyncProjectUsers"),
    ("admin.organization.projects.users.roles", "admin_projects", "AsyncProjectUserRoles"),
)
