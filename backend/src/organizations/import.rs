//! Bulk import of organizations from .xlsx or .csv in the Chinese template: a dry run reports
//! what would be created or updated and every row error; applying writes it all in one
//! transaction, or nothing while any row is wrong. Rows are matched by credit code, so
//! importing the same file again changes nothing. The work runs as a background job.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, web};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::model::{CreateOrganization, Organization};
use super::store;
use super::template::{self, HEADERS};
use crate::audit;
use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::provinces;
use crate::domain::text_enum::list_to_json;
use crate::domain::Role;
use crate::error::{ApiError, ApiResult, Problem, Unauthenticated};
use crate::i18n::Lang;
use crate::jobs::{Job, JobKind, store as jobs};
use crate::sheets::{self, Upload, UploadErrors};
use crate::sheets::{RowError, RowIssue};
use crate::state::AppState;
use crate::tr;

#[derive(Serialize, Deserialize, ToSchema, Debug, Default)]
pub struct OrgImportReport {
    pub dry_run: bool,
    /// True when the rows were written.
    pub applied: bool,
    pub rows_total: usize,
    /// New organizations (would be) registered.
    pub created: usize,
    /// Existing organizations (by credit code) whose profile changes.
    pub updated: usize,
    pub unchanged: usize,
    /// Rows whose credit code fails its check character: kept, flagged for an admin.
    pub check_failed: usize,
    pub errors: Vec<RowError>,
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportParams {
    /// Preview only (default `true`); `false` applies.
    pub dry_run: Option<bool>,
}

fn province_lookup(conn: &mut DbConn) -> ApiResult<HashMap<String, String>> {
    let rows: Vec<(String, String, String)> =
        provinces::table.select((provinces::code, provinces::name, provinces::short_name)).load(conn)?;
    let mut map = HashMap::new();
    for (code, name, short) in rows {
        map.insert(name, code.clone());
        map.insert(short, code.clone());
        map.insert(code.clone(), code);
    }
    Ok(map)
}

enum Plan {
    Create(CreateOrganization, crate::domain::CreditCode),
    Update(Box<super::model::OrgRow>),
    Unchanged,
}

/// Reads and checks every row, and plans what applying would write. Progress goes to
/// `on_progress(done, total)`. Runs outside any write transaction, so progress can be written.
fn plan(
    conn: &mut DbConn,
    caller: &Caller,
    table: &[Vec<String>],
    lang: Lang,
    on_progress: &dyn Fn(i64, i64),
) -> ApiResult<(OrgImportReport, Vec<(usize, Plan)>)> {
    let mut report = OrgImportReport::default();
    // The header is the row holding the template's first column (名称), so a title or an export's
    // block above it is skipped; failing that, the first row with anything in it (which then
    // lacks columns). Rows keep their line numbers.
    let filled = |r: &&Vec<String>| r.iter().any(|c| !c.trim().is_empty());
    let Some((header_at, header_row)) = table
        .iter()
        .enumerate()
        .find(|(_, r)| r.iter().any(|c| c.trim() == HEADERS[0]))
        .or_else(|| table.iter().enumerate().find(|(_, r)| filled(r)))
    else {
        report.errors.push(
            RowIssue { row: 1, column: String::new(), message: tr!("文件是空的", "the file is empty") }.in_lang(lang),
        );
        return Ok((report, vec![]));
    };
    let columns: HashMap<&str, usize> =
        HEADERS.iter().filter_map(|h| header_row.iter().position(|c| c.trim() == *h).map(|i| (*h, i))).collect();
    let missing: Vec<&str> = ["名称", "统一社会信用代码", "登记管理机关所在省", "社会组织类型", "登记级别"]
        .into_iter()
        .filter(|h| !columns.contains_key(h))
        .collect();
    if !missing.is_empty() {
        let m = missing.join("、");
        report.errors.push(
            RowIssue { row: 1, column: String::new(), message: tr!("缺少列：{m}", "missing columns: {m}") }
                .in_lang(lang),
        );
        return Ok((report, vec![]));
    }
    let provinces = province_lookup(conn)?;
    let total = table.len().saturating_sub(header_at + 1) as i64;
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut plans: Vec<(usize, Plan)> = vec![];
    for (i, cells) in table.iter().enumerate().skip(header_at + 1) {
        let row = i + 1;
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        report.rows_total += 1;
        if i % 200 == 0 {
            on_progress((i - header_at) as i64, total);
        }
        let by_header: HashMap<&str, String> =
            columns.iter().map(|(h, c)| (*h, cells.get(*c).cloned().unwrap_or_default())).collect();
        let mut issue = |column: &str, message: crate::i18n::Text| {
            report.errors.push(RowIssue { row, column: column.into(), message }.in_lang(lang));
        };
        let draft = match template::parse_row(&by_header, &provinces) {
            Ok(d) => d,
            Err(cells) => {
                for (column, message) in cells {
                    issue(column, message);
                }
                continue;
            }
        };
        let code = match store::validate(conn, &draft) {
            Ok(c) => c,
            Err(fields) => {
                for f in fields {
                    issue(template::column_of(&f.field), f.message);
                }
                continue;
            }
        };
        if let Some(first) = seen.insert(code.as_str().to_owned(), row) {
            issue("统一社会信用代码", tr!("与第 {first} 行重复", "also on line {first}"));
            continue;
        }
        if !caller.administers_org(&draft.province_code) {
            issue(
                "登记管理机关所在省",
                tr!("只能导入本省登记的组织", "you may import organizations of your own province only"),
            );
            continue;
        }
        let existing = store::by_credit_code(conn, code.as_str())?;
        if let Some(existing) = &existing {
            // The row names an organization already registered: updating it is a change to that
            // organization, under the same rule as editing it (`PATCH`). A row for an
            // organization outside the caller's scope is an error, never a takeover.
            let coordinator_fields =
                existing.province_code != draft.province_code || existing.recommended_by != draft.recommended_by;
            if let Err(why) =
                caller.may_change_org(&existing.id, &existing.province_code, &draft.province_code, coordinator_fields)
            {
                let (name, province, zh, en) = (&existing.name, &existing.province_code, why.zh, why.en);
                issue(
                    "统一社会信用代码",
                    tr!(
                        "该代码已登记为“{name}”（登记省份 {province}）：{zh}",
                        "this code is registered to {name} (province {province}): {en}"
                    ),
                );
                continue;
            }
        }
        report.check_failed += usize::from(code.check_failed);
        let plan = match existing {
            None => {
                report.created += 1;
                Plan::Create(draft, code)
            }
            Some(existing) => {
                let mut after = existing.clone();
                after.name = draft.name.trim().to_owned();
                after.legal_form = draft.legal_form;
                after.registration_level = draft.registration_level;
                after.province_code = draft.province_code.clone();
                after.category = draft.category;
                after.specialties = list_to_json(&draft.specialties);
                after.party_org = draft.party_org;
                after.recommended_by = draft.recommended_by;
                let same = (
                    &after.name,
                    &after.legal_form,
                    &after.registration_level,
                    &after.province_code,
                    &after.category,
                    &after.specialties,
                    after.party_org,
                    &after.recommended_by,
                ) == (
                    &existing.name,
                    &existing.legal_form,
                    &existing.registration_level,
                    &existing.province_code,
                    &existing.category,
                    &existing.specialties,
                    existing.party_org,
                    &existing.recommended_by,
                );
                if same {
                    report.unchanged += 1;
                    Plan::Unchanged
                } else {
                    report.updated += 1;
                    Plan::Update(Box::new(after))
                }
            }
        };
        plans.push((row, plan));
    }
    on_progress(total, total);
    Ok((report, plans))
}

/// Writes a plan; run inside one write transaction. A row changed since it was planned makes
/// the whole import fail (412) rather than overwrite that change.
fn apply(conn: &mut DbConn, caller: &Caller, plans: Vec<(usize, Plan)>) -> ApiResult<()> {
    for (_, plan) in plans {
        match plan {
            Plan::Create(draft, code) => {
                let row = store::new_row(&draft, &code, caller.now);
                store::insert(conn, &row)?;
                audit::record(
                    conn,
                    caller,
                    "organization.import",
                    "organization",
                    &row.id,
                    None::<&()>,
                    Some(&Organization::from(&row)),
                )?;
            }
            Plan::Update(after) => {
                let before = store::get(conn, &after.id)?.ok_or(ApiError::NotFound)?;
                let mut after = *after;
                let planned_version = after.version;
                after.version = planned_version + 1;
                after.updated_at = caller.now;
                store::update(conn, &after, planned_version)?;
                audit::record(
                    conn,
                    caller,
                    "organization.import",
                    "organization",
                    &after.id,
                    Some(&Organization::from(&before)),
                    Some(&Organization::from(&after)),
                )?;
            }
            Plan::Unchanged => {}
        }
    }
    Ok(())
}

/// What an import job reads: who asked (their scope decides which rows they may import), the
/// file's cells, and whether to write.
#[derive(serde::Serialize, serde::Deserialize)]
struct ImportJob {
    caller: Caller,
    table: Vec<Vec<String>>,
    apply: bool,
    lang: Lang,
}

/// Runs an import job on whichever instance claimed it. Safe to run again after its instance
/// stopped: the writes are one transaction, and a row already written is planned as unchanged.
pub fn run_job(job: &crate::jobs::JobRun, input: serde_json::Value) -> Result<serde_json::Value, String> {
    let ImportJob { caller, table, apply, lang } =
        serde_json::from_value(input).map_err(|e| format!("the import's input is unreadable: {e}"))?;
    let total = table.len().saturating_sub(1) as i64;
    job.progress(0, total);
    let report = run(&job.pool, &caller, &table, apply, lang, &|done, total| job.progress(done, total)).map_err(|e| {
        tracing::error!(job = %job.id, error = %format!("{e:#}"), "organization import failed");
        e.problem(lang).detail.unwrap_or_default()
    })?;
    if report.applied {
        job.changed_data();
    }
    serde_json::to_value(report).map_err(|e| e.to_string())
}

/// Plans, and with `apply` writes, an import; the job's report.
fn run(
    pool: &crate::db::DbPool,
    caller: &Caller,
    table: &[Vec<String>],
    apply_it: bool,
    lang: Lang,
    on_progress: &dyn Fn(i64, i64),
) -> ApiResult<OrgImportReport> {
    let mut conn = pool.get()?;
    let (mut report, plans) = plan(&mut conn, caller, table, lang, on_progress)?;
    report.dry_run = !apply_it;
    if apply_it && report.errors.is_empty() {
        crate::db::write_transaction::<_, ApiError, _>(&mut conn, |conn| apply(conn, caller, plans))?;
        report.applied = true;
    }
    Ok(report)
}

/// Import organizations from .xlsx or .csv (background job)
///
/// The body is the file. Columns (Chinese headers): 名称, 统一社会信用代码, 登记管理机关所在省,
/// 社会组织类型, 登记级别, 类别, 业务专长, 是否建立党组织, 推荐单位 — the export's template.
/// Answers 202 with the job to poll; its result is the report with row errors in the
/// language of `Accept-Language`. Applying is refused (nothing written) while any row has an error.
/// The file is read within the upload limits of the 413 and 422 responses.
#[utoipa::path(
    post, path = "/api/v1/organizations/import", tag = "organizations", operation_id = "importOrganizations",
    params(ImportParams),
    request_body(
        description = "The .xlsx or .csv file: as the body, or as the `file` field of a form",
        content(
            (crate::http::RawFile = "application/octet-stream"),
            (crate::http::RawFile = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            (crate::http::RawFile = "text/csv"),
            (crate::sheets::UploadForm = "multipart/form-data"),
        )
    ),
    responses(
        (status = 202, description = "The job; poll its Location", body = Job, headers(("Location" = String))),
        (status = 403, description = "Coordinators only", body = Problem, content_type = "application/problem+json"),
        UploadErrors,
        Unauthenticated,
    ),
    security(("bearer" = []))
)]
pub async fn import_organizations(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    params: crate::extractors::Query<ImportParams>,
    body: Upload,
) -> ApiResult<HttpResponse> {
    caller.require_role(&[Role::NationalAdmin, Role::ProvincialOfficer])?;
    let apply = params.dry_run == Some(false);
    let lang = Lang::of(&req);
    let table = sheets::read_upload(body).await?;
    let input = ImportJob { caller: caller.clone(), table, apply, lang };
    let job = state.tx(move |conn| jobs::enqueue(conn, JobKind::OrganizationImport, &caller, &input)).await?;
    crate::jobs::accepted(job)
}
