-- Each project's organizations as lists show them — [[organization_id, role, name, consent], …] —
-- kept on the row, so a page of 50 is one index range instead of 50 probes into
-- project_organizations and 50 into organizations (the list's cost was three quarters those
-- probes). The detail still reads project_organizations itself. Written by
-- projects::store::refresh_parties whenever a project's organizations, their answers or an
-- organization's name change.
ALTER TABLE projects ADD COLUMN parties TEXT NOT NULL DEFAULT '[]';
UPDATE projects SET parties = (
  SELECT coalesce(json_agg(json_build_array(po.organization_id, po.role, o.name, po.consent)), '[]')::text
  FROM project_organizations po JOIN organizations o ON o.id = po.organization_id
  WHERE po.project_id = projects.id
);
