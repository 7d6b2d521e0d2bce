//! The organizations a training trained: added one by one or imported from a spreadsheet (row
//! errors named), with a head count each, and their attendance confirmed once it was held.

use std::collections::HashMap;

use actix_web::{HttpRequest, HttpResponse, web};
use diesel::prelude::*;

use super::model::{Participant, ParticipantImportReport, ParticipantRow, PutParticipant, TrainingRow};
use super::store;
use crate::audit;
use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::{organizations, training_participants};
use crate::domain::training::TrainingStatus;
use crate::error::{ApiError, ApiResult, ChangeErrors, Invalid, Problem, ReadErrors, Unauthenticated};
use crate::extractors::Json;
use crate::http::Items;
use crate::i18n::{Lang, Text};
use crate::sheets::upload::{Upload, UploadOrRowErrors};
use crate::sheets::{self, RowIssue};
use crate::state::AppState;
use crate::tr;

/// People one organization may send to one training.
const MAX_HEAD_COUNT: i64 = 10_000;
/// Organizations one training may train: it bounds the participants' list (read whole) and an
/// import's work inside one request.
pub const MAX_PARTICIPANTS: i64 = 2_000;

fn head_count_ok(n: i64) -> bool {
    (1..=MAX_HEAD_COUNT).contains(&n)
}

/// Adds or updates one organization's row; attendance only once the training was held.
/// The caller has moved the training's version first (`store::touch`), which holds its row.
fn put(conn: &mut DbConn, training: &TrainingRow, p: &PutParticipant, now: chrono::NaiveDateTime) -> ApiResult<()> {
    if p.attended.is_some() && training.status != TrainingStatus::Held {
        return Err(ApiError::field("attended", tr!("培训举办后才能确认出席", "attendance is confirmed once the training is held")));
    }
    // the caller holds the training's row (`store::touch` first), so two puts of one
    // organization cannot both find it missing
    let this = training_participants::table.find((&training.id, &p.organization_id));
    // attendance once confirmed stays unless it is given again (a re-imported sheet has none)
    let changed = match p.attended {
        Some(a) => diesel::update(this)
            .set((training_participants::head_count.eq(p.head_count), training_participants::attended.eq(a)))
            .execute(conn)?,
        None => diesel::update(this).set(training_participants::head_count.eq(p.head_count)).execute(conn)?,
    };
    if changed == 0 {
        let trained: i64 = training_participants::table
            .filter(training_participants::training_id.eq(&training.id))
            .count()
            .get_result(conn)?;
        if trained >= MAX_PARTICIPANTS {
            return Err(ApiError::Conflict(tr!(
                "一次培训最多登记 {MAX_PARTICIPANTS} 个组织。",
                "A training records at most {MAX_PARTICIPANTS} organizations."
            )));
        }
        let row = ParticipantRow {
            training_id: training.id.clone(),
            organization_id: p.organization_id.clone(),
            head_count: p.head_count,
            attended: p.attended,
            added_at: now,
        };
        diesel::insert_into(training_participants::table).values(&row).execute(conn)?;
    }
    Ok(())
}

/// A training's participants
#[utoipa::path(
    get, path = "/api/v1/trainings/{id}/participants", tag = "trainings", operation_id = "listTrainingParticipants",
    params(("id" = String, Path, description = "Training id")),
    responses((status = 200, description = "The organizations trained, by name", body = Items<Participant>), ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_training_participants(state: web::Data<AppState>, _caller: Caller, id: web::Path<String>) -> ApiResult<web::Json<Items<Participant>>> {
    let id = id.into_inner();
    let items = state
        .db(move |conn| {
            let training = store::load(conn, &id)?;
            let rows: Vec<(ParticipantRow, String, String)> = training_participants::table
                .inner_join(organizations::table.on(organizations::id.eq(training_participants::organization_id)))
                .filter(training_participants::training_id.eq(&training.id))
                .order(organizations::name.asc())
                .select((ParticipantRow::as_select(), organizations::name, organizations::credit_code))
                .load(conn)?;
            Ok(rows
                .into_iter()
                .map(|(p, name, credit_code)| Participant {
                    organization_id: p.organization_id,
                    organization_name: name,
                    credit_code,
                    head_count: p.head_count,
                    attended: p.attended,
                    added_at: p.added_at.and_utc(),
                })
                .collect())
        })
        .await?;
    Ok(web::Json(Items { items }))
}

/// Add an organization to a training, or change its head count or attendance
///
/// By the organizer, while the training is not cancelled; attendance once it was held.
#[utoipa::path(
    post, path = "/api/v1/trainings/{id}/participants", tag = "trainings", operation_id = "putTrainingParticipant",
    params(("id" = String, Path, description = "Training id")),
    request_body = PutParticipant,
    responses(
        (status = 200, description = "The organization's row", body = PutParticipant),
        (status = 403, description = "Not the organizer", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The training was cancelled", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid fields", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn put_training_participant(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<PutParticipant>,
) -> ApiResult<web::Json<PutParticipant>> {
    let p = body.into_inner();
    if !head_count_ok(p.head_count) {
        return Err(ApiError::field("head_count", tr!("1–10000 人", "1–10,000 people")));
    }
    let id = id.into_inner();
    let p = state
        .tx(move |conn| {
            let training = store::load(conn, &id)?;
            store::require_manager(&caller, &training)?;
            store::require_live(&training)?;
            let known: i64 = organizations::table.filter(organizations::id.eq(&p.organization_id)).count().get_result(conn)?;
            if known == 0 {
                return Err(ApiError::Validation(vec![Invalid::new("organization_id", tr!("没有这个社会组织", "no such organization"))]));
            }
            store::touch(conn, &training.id, caller.now)?;
            put(conn, &training, &p, caller.now)?;
            audit::record(conn, &caller, "training.participant", "training", &training.id, None::<&()>, Some(&p))?;
            Ok(p)
        })
        .await?;
    Ok(web::Json(p))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ImportParams {
    /// Only check the file and say what would change (the default), or apply it.
    pub dry_run: Option<bool>,
}

const CODE_HEADERS: &[&str] = &["credit_code", "统一社会信用代码", "信用代码"];
const NAME_HEADERS: &[&str] = &["name", "organization", "组织名称", "社会组织名称", "名称"];
const COUNT_HEADERS: &[&str] = &["head_count", "人数", "参训人数"];

/// The header of an import: the first non-empty row, and the columns it names.
struct Header {
    names: Vec<String>,
    code: Option<usize>,
    name: Option<usize>,
    count: Option<usize>,
}

fn filled(r: &[String]) -> bool {
    r.iter().any(|c| !c.trim().is_empty())
}

fn header(table: &[Vec<String>]) -> Header {
    let names: Vec<String> =
        table.iter().find(|r| filled(r)).map(|h| h.iter().map(|c| c.trim().to_owned()).collect()).unwrap_or_default();
    let find = |wanted: &[&str]| names.iter().position(|h| wanted.contains(&h.to_lowercase().as_str()));
    Header { code: find(CODE_HEADERS), name: find(NAME_HEADERS), count: find(COUNT_HEADERS), names }
}

/// The values of one column below the header, trimmed and non-empty.
fn column_values(table: &[Vec<String>], col: Option<usize>) -> Vec<String> {
    let Some(col) = col else { return vec![] };
    // a value holding U+0000 is no organization's (and PostgreSQL cannot hold it): the row reports it
    table
        .iter()
        .filter(|r| filled(r))
        .skip(1)
        .filter_map(|r| r.get(col))
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty() && !v.contains('\0'))
        .collect()
}

/// The organizations the file names, by credit code (upper case) and by exact name: only those
/// are read, a thousand at a time.
type ByName = HashMap<String, Option<String>>;

fn named_organizations(conn: &mut DbConn, table: &[Vec<String>], h: &Header) -> ApiResult<(HashMap<String, String>, ByName)> {
    let mut by_code = HashMap::new();
    let codes: Vec<String> = column_values(table, h.code).into_iter().map(|c| c.to_uppercase()).collect();
    for chunk in codes.chunks(1000) {
        let found: Vec<(String, String)> = organizations::table
            .filter(organizations::credit_code.eq_any(chunk))
            .select((organizations::credit_code, organizations::id))
            .load(conn)?;
        by_code.extend(found.into_iter().map(|(c, id)| (c.to_uppercase(), id)));
    }
    // names are not unique: a name two organizations share maps to none (the row asks for the code)
    let mut by_name: HashMap<String, Option<String>> = HashMap::new();
    for chunk in column_values(table, h.name).chunks(1000) {
        let found: Vec<(String, String)> =
            organizations::table.filter(organizations::name.eq_any(chunk)).select((organizations::name, organizations::id)).load(conn)?;
        for (name, id) in found {
            by_name.entry(name).and_modify(|e| *e = None).or_insert(Some(id));
        }
    }
    Ok((by_code, by_name))
}

/// Reads the rows: each names an organization by its credit code or its exact name, and a head
/// count. Returns the rows to put, how many rows there were, and the errors by line.
fn plan(table: &[Vec<String>], h: &Header, by_code: &HashMap<String, String>, by_name: &ByName) -> (Vec<PutParticipant>, usize, Vec<RowIssue>) {
    let mut errors = vec![];
    let (Some(count_col), Some(first_col)) = (h.count, h.code.or(h.name)) else {
        errors.push(RowIssue {
            row: 1,
            column: String::new(),
            message: tr!(
                "表头须含“统一社会信用代码”或“组织名称”，以及“人数”",
                "the header needs credit_code or name, and head_count"
            ),
        });
        return (vec![], 0, errors);
    };
    let mut out: Vec<PutParticipant> = vec![];
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut total = 0;
    for (i, record) in table.iter().enumerate().filter(|(_, r)| filled(r)).skip(1) {
        let line = i + 1;
        total += 1;
        let cell = |c: usize| record.get(c).map_or("", |v| v.trim());
        let by_code =
            h.code.map(|c| (c, cell(c))).filter(|(_, v)| !v.is_empty()).map(|(c, v)| (c, v, by_code.get(&v.to_uppercase()).cloned()));
        let by_name = h.name.map(|c| (c, cell(c))).filter(|(_, v)| !v.is_empty()).map(|(c, v)| (c, v, by_name.get(v).cloned()));
        if let Some((col, given, Some(None))) = &by_name
            && by_code.is_none()
        {
            errors.push(RowIssue {
                row: line,
                column: h.names[*col].clone(),
                message: Text::new(
                    format!("有多个组织名为“{given}”，请填写统一社会信用代码"),
                    format!("several organizations are named {given:?}; give the credit code"),
                ),
            });
            continue;
        }
        let by_name = by_name.map(|(c, v, found)| (c, v, found.flatten()));
        let Some((col, given, found)) = by_code.or(by_name) else {
            errors.push(RowIssue { row: line, column: h.names[first_col].clone(), message: tr!("未填写组织", "no organization given") });
            continue;
        };
        let Some(org) = found else {
            errors.push(RowIssue {
                row: line,
                column: h.names[col].clone(),
                message: Text::new(format!("平台上没有“{given}”"), format!("{given:?} is not on the platform")),
            });
            continue;
        };
        let raw = cell(count_col);
        let Some(n) = raw.parse::<i64>().ok().filter(|n| head_count_ok(*n)) else {
            errors.push(RowIssue {
                row: line,
                column: h.names[count_col].clone(),
                message: Text::new(format!("“{raw}”不是 1–10000 的人数"), format!("{raw:?} is not a head count of 1–10,000")),
            });
            continue;
        };
        if let Some(first) = seen.insert(org.clone(), line) {
            errors.push(RowIssue { row: line, column: h.names[col].clone(), message: tr!("与第 {first} 行是同一组织", "the same organization as line {first}") });
            continue;
        }
        out.push(PutParticipant { organization_id: org.clone(), head_count: n, attended: None });
    }
    (out, total, errors)
}

/// Import a training's participants
///
/// A CSV or xlsx file whose header names `统一社会信用代码` (or `组织名称`) and `人数`. A dry
/// run (the default) reports the row errors; applying puts every row in one transaction and is
/// refused (422) while any row has an error.
#[utoipa::path(
    post, path = "/api/v1/trainings/{id}/participants/import", tag = "trainings", operation_id = "importTrainingParticipants",
    params(("id" = String, Path, description = "Training id"), ImportParams),
    request_body(
        description = "The file: as the body, or as the `file` field of a form",
        content((String = "text/csv"), (crate::sheets::UploadForm = "multipart/form-data"))
    ),
    responses(
        (status = 200, description = "What would be (dry run) or was applied", body = ParticipantImportReport),
        (status = 403, description = "Not the organizer", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such training", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The training was cancelled", body = Problem, content_type = "application/problem+json"),
        UploadOrRowErrors,
        Unauthenticated,
    ),
    security(("bearer" = []))
)]
pub async fn import_training_participants(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    params: crate::extractors::Query<ImportParams>,
    body: Upload,
) -> ApiResult<HttpResponse> {
    let lang = Lang::of(&req);
    let dry_run = params.dry_run.unwrap_or(true);
    let id = id.into_inner();
    let table = sheets::upload::read_upload(body).await?;
    let report = state
        .tx(move |conn| {
            let training = store::load(conn, &id)?;
            store::require_manager(&caller, &training)?;
            store::require_live(&training)?;
            let h = header(&table);
            let (by_code, by_name) = named_organizations(conn, &table, &h)?;
            let (rows, rows_total, errors) = plan(&table, &h, &by_code, &by_name);
            if rows_total as i64 > MAX_PARTICIPANTS {
                return Err(ApiError::field(
                    "file",
                    tr!("一次培训最多登记 {MAX_PARTICIPANTS} 个组织", "a training records at most {MAX_PARTICIPANTS} organizations"),
                ));
            }
            if !dry_run && !errors.is_empty() {
                return Err(ApiError::Validation(
                    errors.iter().map(|e| Invalid::new(format!("rows[{}].{}", e.row, e.column), e.message.clone())).collect(),
                ));
            }
            if !dry_run {
                store::touch(conn, &training.id, caller.now)?;
                for p in &rows {
                    put(conn, &training, p, caller.now)?;
                }
                let summary = serde_json::json!({"rows_total": rows_total, "applied": rows.len()});
                audit::record(conn, &caller, "training.participant_import", "training", &training.id, None::<&()>, Some(&summary))?;
            }
            Ok(ParticipantImportReport { dry_run, rows_total, applied: rows.len(), errors: errors.iter().map(|e| e.in_lang(lang)).collect() })
        })
        .await?;
    Ok(HttpResponse::Ok().json(report))
}
