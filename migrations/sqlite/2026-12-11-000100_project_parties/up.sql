-- Each project's organizations as lists show them — [[organization_id, role, name, consent], …] —
-- kept on the row, so a page of 50 is one index range instead of 50 probes into
-- project_organizations and 50 into organizations. The detail still reads project_organizations
-- itself. Written by projects::store::refresh_parties whenever a project's organizations, their
-- answers or an organization's name change.
ALTER TABLE projects ADD COLUMN parties TEXT NOT NULL DEFAULT '[]';
UPDATE projects SET parties = (
  SELECT json_group_array(json_array(po.organization_id, po.role, o.name, po.consent))
  FROM project_organizations po JOIN organizations o ON o.id = po.organization_id
  WHERE po.project_id = projects.id
);
