-- Several admins with roles (issue 16). ADMINISTRATOR may do everything, APPROVER reads
-- everything and decides approvals, AUDITOR reads everything and changes nothing. Accounts
-- are disabled, never deleted: the audit log names them. The admins of earlier versions
-- (the initial "admin") become administrators.
alter table admin_user
    add column role                 varchar(16)  not null default 'ADMINISTRATOR',
    add column created_by           varchar(128) not null default 'first-start',
    add column must_change_password boolean      not null default false,
    add column disabled_at          timestamptz,
    add column disabled_by          varchar(128),
    add constraint admin_user_role_check check (role in ('ADMINISTRATOR', 'APPROVER', 'AUDITOR')),
    add constraint admin_user_disabled_check check ((disabled_at is null) = (disabled_by is null));

-- the defaults only carried the existing rows over: every new account names its role and
-- its creator
alter table admin_user alter column role drop default;
alter table admin_user alter column created_by drop default;

-- the last-administrator check reads the enabled administrators
create index admin_user_enabled_role_idx on admin_user (role) where disabled_at is null;
