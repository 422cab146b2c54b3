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
    "admin_groups": "`client.admin.organization.groups`: the organization's groups, their"
    " users and their role assignments (admin key).",
    "admin_users": "`client.admin.organization.users`: the organization's users and their role"
    " assignments (admin key).",
    "admin_projects": "`client.admin.organization.projects`: projects, their API keys,"
    " certificates, data retention, groups, permissions, rate limits, roles, service accounts,"
    " spend alerts, spend limit and users (admin key).",
    "admin_project_group_roles": "`client.admin.organization.projects.groups.roles`: the roles"
    " of a group in a project (admin key); a module of its own, as its classes' names are those"
    " of the project's own roles (`RoleDeleteResponse`).",
    "admin_project_user_roles": "`client.admin.organization.projects.users.roles`: the roles of"
    " a user in a project (admin key); a module of its own, as `admin_project_group_roles`.",
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
    ("admin.organization.groups", "admin_groups", "AsyncGroups"),
    ("admin.organization.groups.roles", "admin_groups", "AsyncGroupRoles"),
    ("admin.organization.groups.users", "admin_groups", "AsyncGroupUsers"),
    ("admin.organization.users", "admin_users", "AsyncUsers"),
    ("admin.organization.users.roles", "admin_users", "AsyncUserRoles"),
    ("admin.organization.projects", "admin_projects", "AsyncProjects"),
    ("admin.organization.projects.api_keys", "admin_projects", "AsyncProjectAPIKeys"),
    ("admin.organization.projects.certificates", "admin_projects", "AsyncProjectCertificates"),
    (
        "admin.organization.projects.data_retention",
        "admin_projects",
        "AsyncDataRetention",  # `ProjectDataRetention` is the model
    ),
    ("admin.organization.projects.groups", "admin_projects", "AsyncProjectGroups"),
    (
        "admin.organization.projects.groups.roles",
        "admin_project_group_roles",
        "AsyncProjectGroupRoles",
    ),
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
    ("admin.organization.projects.spend_limit", "admin_projects", "AsyncSpendLimit"),
    ("admin.organization.projects.users", "admin_projects", "AsyncProjectUsers"),
    (
        "admin.organization.projects.users.roles",
        "admin_project_user_roles",
        "AsyncProjectUserRoles",
    ),
)
