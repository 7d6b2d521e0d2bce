//! The experts' endpoints: a round's assignments, an expert's worklist, scoring sheets and
//! scores, recusal, and the ties an expert declares.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use diesel::prelude::*;

use super::model::{
    Assignment, AssignmentBatch, AssignmentQuery, AssignmentRow, AssignmentTransition, CreateAssignments,
    EvidenceFigure, PutScores, ScoreSheet, ScoringIndicator, Ties,
};
use super::panel::{self, assignment_etag};
use super::{metrics, store};
use crate::audit;
use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::{evaluation_assignments, evaluation_subjects};
use crate::domain::Role;
use crate::domain::evaluation::{AssignmentStatus, RoundStatus};
use crate::domain::lifecycle;
use crate::error::{ApiError, ApiResult, ChangeErrors, CreateErrors, ListErrors, Problem, ReadErrors};
use crate::extractors::Json;
use crate::http::{self, Page};
use crate::state::AppState;
use crate::tr;

/// A round's assignments
///
/// National admins see them all (who has not scored yet); an expert their own. By subject, in
/// keyset pages.
#[utoipa::path(
    get, path = "/api/v1/evaluation-rounds/{id}/assignments", tag = "evaluation", operation_id = "listRoundAssignments",
    params(("id" = String, Path, description = "Round id"), AssignmentQuery),
    responses((status = 200, description = "A page of assignments, by subject", body = Page<Assignment>), ListErrors, ReadErrors),
    security(("bearer" = []))
)]
pub async fn list_round_assignments(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    query: crate::extractors::Query<AssignmentQuery>,
) -> ApiResult<web::Json<Page<Assignment>>> {
    let limit = http::limit(query.limit)?;
    let after = http::decode_cursor(query.cursor.as_deref())?;
    let id = id.into_inner();
    let query = query.into_inner();
    let page = state
        .db(move |conn| {
            let round = store::visible_round(conn, &caller, &id)?;
            let mut q = filtered(&query).filter(evaluation_assignments::round_id.eq(round.id.clone()));
            if caller.role != Role::NationalAdmin {
                q = q.filter(evaluation_assignments::evaluator_id.eq(caller.actor_id.clone()));
            }
            if let Some((subject, id)) = after.as_deref().and_then(|a| a.split_once('\u{1f}')) {
                q = q.filter(
                    evaluation_assignments::subject_id.gt(subject.to_owned()).or(evaluation_assignments::subject_id
                        .eq(subject.to_owned())
                        .and(evaluation_assignments::id.gt(id.to_owned()))),
                );
            }
            let rows: Vec<AssignmentRow> = q
                .select(AssignmentRow::as_select())
                .order((evaluation_assignments::subject_id, evaluation_assignments::id))
                .limit(limit + 1)
                .load(conn)?;
            let (rows, next_cursor) = http::page(rows, limit, |r| format!("{}\u{1f}{}", r.subject_id, r.id));
            Ok(Page { items: panel::dtos(conn, &caller, &rows)?, next_cursor, total: None })
        })
        .await?;
    Ok(web::Json(page))
}

fn filtered<'a>(query: &AssignmentQuery) -> evaluation_assignments::BoxedQuery<'a, crate::db::MultiBackend> {
    let mut q = evaluation_assignments::table.into_boxed();
    if let Some(s) = query.status {
        q = q.filter(evaluation_assignments::status.eq(s));
    }
    if let Some(s) = &query.subject {
        q = q.filter(evaluation_assignments::subject_id.eq(s.clone()));
    }
    if let Some(e) = &query.evaluator {
        q = q.filter(evaluation_assignments::evaluator_id.eq(e.clone()));
    }
    q
}

/// Assign experts
///
/// `{"subject_id", "evaluator_id"}` assigns one expert (422 naming the field for an unknown
/// subject or a user who is not an active expert; 409 when they were already on it or the
/// assignment crosses a tie they declared, naming the tie). `{"propose": true}` fills every
/// subject up to the round's `min_evaluators` with the least-loaded experts without a tie and
/// reports the subjects it could not fill. While the round is a draft or scoring. National admins.
#[utoipa::path(
    post, path = "/api/v1/evaluation-rounds/{id}/assignments", tag = "evaluation", operation_id = "createRoundAssignments",
    params(("id" = String, Path, description = "Round id")),
    request_body = CreateAssignments,
    responses(
        (status = 201, description = "The assignments made, and the subjects still short of experts", body = AssignmentBatch),
        (status = 403, description = "National admins only", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such round", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Closed, already assigned, or a declared tie", body = Problem, content_type = "application/problem+json"),
        CreateErrors,
    ),
    security(("bearer" = []))
)]
pub async fn create_round_assignments(
    state: web::Data<AppState>,
    caller: Caller,
    id: web::Path<String>,
    body: Json<CreateAssignments>,
) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let b = body.into_inner();
    let batch = state
        .tx(move |conn| {
            let round = store::visible_round(conn, &caller, &id)?;
            store::require_national(&caller)?;
            // One assignment change of a round at a time (a proposal reads the load of every expert).
            store::claim_round(conn, &round)?;
            let (made, unfilled) = match (b.propose, &b.subject_id, &b.evaluator_id) {
                (true, None, None) => panel::propose(conn, &caller, &round)?,
                (false, Some(s), Some(e)) => (vec![panel::assign(conn, &caller, &round, s, e)?], vec![]),
                (false, None, _) => return Err(ApiError::field("subject_id", tr!("请指定评估对象", "name the subject"))),
                (false, _, None) => return Err(ApiError::field("evaluator_id", tr!("请指定专家", "name the expert"))),
                (true, _, _) => {
                    return Err(ApiError::field("propose", tr!("自动分配时不指定对象和专家", "a proposal names no subject or expert")));
                }
            };
            let assignment = match made.as_slice() {
                [one] if !b.propose => panel::dtos(conn, &caller, std::slice::from_ref(one))?.pop(),
                _ => None,
            };
            let summary = serde_json::json!({"created": made.len(), "unfilled": unfilled.len()});
            audit::record(conn, &caller, "evaluation_round.assign", "evaluation_round", &round.id, None::<&()>, Some(&summary))?;
            let unfilled_total = unfilled.len() as i64;
            Ok(AssignmentBatch {
                created: made.len() as i64,
                assignment,
                unfilled: unfilled.into_iter().take(100).collect(),
                unfilled_total,
            })
        })
        .await?;
    Ok(HttpResponse::Created().json(batch))
}

/// My assignments (the expert's worklist)
///
/// Every assignment of the caller, newest first, in keyset pages (`status=assigned` for what
/// waits); empty for anyone who is not an expert.
#[utoipa::path(
    get, path = "/api/v1/me/assignments", tag = "evaluation", operation_id = "listMyAssignments",
    params(AssignmentQuery),
    responses((status = 200, description = "A page of the caller's assignments", body = Page<Assignment>), ListErrors),
    security(("bearer" = []))
)]
pub async fn list_my_assignments(
    state: web::Data<AppState>,
    caller: Caller,
    query: crate::extractors::Query<AssignmentQuery>,
) -> ApiResult<web::Json<Page<Assignment>>> {
    let limit = http::limit(query.limit)?;
    let after = http::decode_cursor(query.cursor.as_deref())?;
    let query = query.into_inner();
    let page = state
        .db(move |conn| {
            let mut q = filtered(&query).filter(evaluation_assignments::evaluator_id.eq(caller.actor_id.clone()));
            if let Some(a) = after {
                // Ids are time-ordered (UUIDv7): newest first is descending id.
                q = q.filter(evaluation_assignments::id.lt(a));
            }
            let rows: Vec<AssignmentRow> =
                q.select(AssignmentRow::as_select()).order(evaluation_assignments::id.desc()).limit(limit + 1).load(conn)?;
            let (rows, next_cursor) = http::page(rows, limit, |r| r.id.clone());
            Ok(Page { items: panel::dtos(conn, &caller, &rows)?, next_cursor, total: None })
        })
        .await?;
    Ok(web::Json(page))
}

/// Read an assignment
///
/// The assigned expert and national admins.
#[utoipa::path(
    get, path = "/api/v1/assignments/{id}", tag = "evaluation", operation_id = "getAssignment",
    params(("id" = String, Path, description = "Assignment id")),
    responses((status = 200, description = "The assignment", body = Assignment, headers(("ETag" = String))), ReadErrors),
    security(("bearer" = []))
)]
pub async fn get_assignment(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let (etag, dto) = state
        .db(move |conn| {
            let row = panel::visible(conn, &caller, &id)?;
            let dto = panel::dtos(conn, &caller, std::slice::from_ref(&row))?.pop().ok_or(ApiError::NotFound)?;
            Ok((assignment_etag(&row), dto))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}

fn sheet(conn: &mut DbConn, caller: &Caller, row: &AssignmentRow) -> ApiResult<ScoreSheet> {
    let round = store::load_round(conn, &row.round_id)?.ok_or(ApiError::NotFound)?;
    let framework = store::load_framework(conn, &round.framework_id)?.ok_or(ApiError::NotFound)?;
    let tree = framework.tree();
    let indicators = tree
        .dimensions
        .iter()
        .flat_map(|d| {
            d.indicators.iter().filter(|i| i.method == crate::domain::evaluation::IndicatorMethod::Expert).map(|i| ScoringIndicator {
                dimension: d.name.clone(),
                code: i.code.clone(),
                name: i.name.clone(),
                weight: i.weight,
                method: i.method,
                rubric: i.rubric.clone(),
            })
        })
        .collect();
    let figures = evaluation_subjects::table
        .find((&row.round_id, &row.subject_id))
        .select(super::model::SubjectRow::as_select())
        .first(conn)
        .optional()?
        .map(|s| s.figures())
        .unwrap_or_default();
    let evidence = figures
        .iter()
        .filter_map(|(code, value)| {
            metrics::find(code).map(|m| EvidenceFigure { metric: code.clone(), name: m.zh.into(), unit: m.unit.into(), value: *value })
        })
        .collect();
    let assignment = panel::dtos(conn, caller, std::slice::from_ref(row))?.pop().ok_or(ApiError::NotFound)?;
    Ok(ScoreSheet {
        assignment,
        subject_type: round.subject_type,
        indicators,
        evidence,
        scores: panel::scores_of(conn, &row.id)?,
        changes: panel::changes_of(conn, &row.id)?,
        editable: row.evaluator_id == caller.actor_id
            && round.status == RoundStatus::Scoring
            && AssignmentStatus::ACTIVE.contains(&row.status),
    })
}

/// An assignment's scoring sheet
///
/// The rubric of every expert indicator, the subject's evidence pack (its computed figures as
/// snapshotted), the scores and, after submission, every change. The assigned expert and
/// national admins only: experts never see each other's scores.
#[utoipa::path(
    get, path = "/api/v1/assignments/{id}/scores", tag = "evaluation", operation_id = "getAssignmentScores",
    params(("id" = String, Path, description = "Assignment id")),
    responses((status = 200, description = "The scoring sheet", body = ScoreSheet, headers(("ETag" = String))), ReadErrors),
    security(("bearer" = []))
)]
pub async fn get_assignment_scores(state: web::Data<AppState>, caller: Caller, id: web::Path<String>) -> ApiResult<HttpResponse> {
    let id = id.into_inner();
    let (etag, body) = state
        .db(move |conn| {
            let row = panel::visible(conn, &caller, &id)?;
            Ok((assignment_etag(&row), sheet(conn, &caller, &row)?))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(body))
}

/// Save scores (a draft until submitted)
///
/// The assigned expert, while the round is scoring. The scores sent replace those of the same
/// indicators; others stay. Each score is 0–100; after submission every score must stay complete
/// (a comment below 60 or above 90) and every change is kept.
#[utoipa::path(
    put, path = "/api/v1/assignments/{id}/scores", tag = "evaluation", operation_id = "putAssignmentScores",
    params(("id" = String, Path, description = "Assignment id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = PutScores,
    responses(
        (status = 200, description = "The scoring sheet", body = ScoreSheet, headers(("ETag" = String))),
        (status = 403, description = "Not the assigned expert", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The round is not scoring, or the assignment was recused or withdrawn", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Invalid scores", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn put_assignment_scores(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<PutScores>,
) -> ApiResult<HttpResponse> {
    let if_match = http::if_match_value(&req)?;
    let scores = body.into_inner().scores;
    let id = id.into_inner();
    let (etag, body) = state
        .tx(move |conn| {
            let before = panel::visible(conn, &caller, &id)?;
            if before.evaluator_id != caller.actor_id {
                return Err(ApiError::Forbidden(tr!("只有被分配的专家本人可以评分。", "Only the assigned expert scores.")));
            }
            http::require_if_match_value(&if_match, &assignment_etag(&before))?;
            let round = store::lock_round(conn, &before.round_id)?;
            if round.status != RoundStatus::Scoring || !AssignmentStatus::ACTIVE.contains(&before.status) {
                return Err(ApiError::Conflict(tr!(
                    "只有评分阶段、未回避或撤回的任务可以评分。",
                    "Scores change only while the round is scoring and the assignment is neither recused nor withdrawn."
                )));
            }
            let tree = store::load_framework(conn, &round.framework_id)?.ok_or(ApiError::NotFound)?.tree();
            let errors = panel::check_scores(&tree, &scores);
            if !errors.is_empty() {
                return Err(ApiError::Validation(errors));
            }
            let old = panel::scores_of(conn, &before.id)?;
            if before.status == AssignmentStatus::Submitted {
                let mut merged: Vec<super::model::Score> =
                    old.iter().filter(|o| !scores.iter().any(|s| s.indicator == o.indicator)).cloned().collect();
                merged.extend(scores.iter().cloned());
                let errors = panel::check_submittable(&tree, &merged);
                if !errors.is_empty() {
                    return Err(ApiError::Validation(errors));
                }
            }
            // The version first: a concurrent save of the same sheet waits here and is refused
            // (412) before it touches a score.
            let mut after = before.clone();
            after.version += 1;
            after.updated_at = caller.now;
            panel::save(conn, &after, before.version)?;
            panel::put_scores(conn, &caller, &before, &scores)?;
            let new = panel::scores_of(conn, &after.id)?;
            audit::record(conn, &caller, "evaluation_assignment.score", "evaluation_assignment", &after.id, Some(&old), Some(&new))?;
            Ok((assignment_etag(&after), sheet(conn, &caller, &after)?))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(body))
}

/// Submit, reopen, recuse or withdraw an assignment
///
/// The assigned expert submits (`submitted`: every expert indicator scored, a comment on each
/// score below 60 or above 90 — 422 naming `scores[<code>].score` or `.comment`), takes a
/// submission back to change it (`assigned`), or recuses with a reason (`recused`); a national
/// admin withdraws with a reason (`withdrawn`) and assigns another expert. While the round is
/// scoring (recusal also while a draft).
#[utoipa::path(
    post, path = "/api/v1/assignments/{id}/transitions", tag = "evaluation", operation_id = "transitionAssignment",
    params(("id" = String, Path, description = "Assignment id"), ("If-Match" = String, Header, description = "The ETag last read")),
    request_body = AssignmentTransition,
    responses(
        (status = 200, description = "The assignment after the move", body = Assignment, headers(("ETag" = String))),
        (status = 403, description = "The move exists but not for the caller", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a move from the current status, or the round is not open", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Reason missing, or scores incomplete", body = Problem, content_type = "application/problem+json"),
        ChangeErrors,
    ),
    security(("bearer" = []))
)]
pub async fn transition_assignment(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    id: web::Path<String>,
    body: Json<AssignmentTransition>,
) -> ApiResult<HttpResponse> {
    let if_match = http::if_match_value(&req)?;
    let AssignmentTransition { to, reason } = body.into_inner();
    let id = id.into_inner();
    let (etag, dto) = state
        .tx(move |conn| {
            let before = panel::visible(conn, &caller, &id)?;
            http::require_if_match_value(&if_match, &assignment_etag(&before))?;
            lifecycle::check(before.status, to, &panel::parties(&caller, &before), &reason)?;
            let round = store::lock_round(conn, &before.round_id)?;
            let open = round.status == RoundStatus::Scoring
                || (round.status == RoundStatus::Draft && matches!(to, AssignmentStatus::Recused | AssignmentStatus::Withdrawn));
            if !open {
                return Err(ApiError::Conflict(tr!("评估轮次不在评分阶段。", "The round is not scoring.")));
            }
            if to == AssignmentStatus::Submitted {
                let tree = store::load_framework(conn, &round.framework_id)?.ok_or(ApiError::NotFound)?.tree();
                let errors = panel::check_submittable(&tree, &panel::scores_of(conn, &before.id)?);
                if !errors.is_empty() {
                    return Err(ApiError::Validation(errors));
                }
            }
            let mut after = before.clone();
            after.status = to;
            after.reason = reason.trim().to_owned();
            // The last submission's time stays when the sheet is taken back: its changes are kept.
            if to == AssignmentStatus::Submitted {
                after.submitted_at = Some(caller.now);
            }
            after.version += 1;
            after.updated_at = caller.now;
            panel::save(conn, &after, before.version)?;
            super::notices::settle_idle(conn, &after.round_id, caller.now)?;
            let dto = panel::dtos(conn, &caller, std::slice::from_ref(&after))?.pop().ok_or(ApiError::NotFound)?;
            let change = serde_json::json!({"status": to, "reason": reason.trim()});
            audit::record(conn, &caller, "evaluation_assignment.transition", "evaluation_assignment", &after.id, Some(&before.status), Some(&change))?;
            Ok((assignment_etag(&after), dto))
        })
        .await?;
    Ok(HttpResponse::Ok().insert_header((header::ETAG, etag)).json(dto))
}

fn require_expert(caller: &Caller) -> ApiResult<()> {
    caller.require_role(&[Role::Evaluator])
}

/// My declared ties (conflict of interest)
#[utoipa::path(
    get, path = "/api/v1/me/ties", tag = "evaluation", operation_id = "getMyTies",
    responses(
        (status = 200, description = "The caller's ties", body = Ties),
        (status = 403, description = "Experts only", body = Problem, content_type = "application/problem+json"),
        crate::error::Unauthenticated,
    ),
    security(("bearer" = []))
)]
pub async fn get_my_ties(state: web::Data<AppState>, caller: Caller) -> ApiResult<web::Json<Ties>> {
    require_expert(&caller)?;
    let ties = state
        .db(move |conn| {
            let rows = panel::ties_of(conn, &[caller.actor_id.as_str()])?;
            panel::tie_dtos(conn, &rows)
        })
        .await?;
    Ok(web::Json(Ties { ties }))
}

/// Declare my ties (replaces them all)
///
/// Organizations the expert works for, advises or donates to; provinces they work in. An
/// assignment never crosses a tie; assignments made before a tie was declared stay, and the
/// expert recuses from them.
#[utoipa::path(
    put, path = "/api/v1/me/ties", tag = "evaluation", operation_id = "putMyTies",
    request_body = Ties,
    responses(
        (status = 200, description = "The caller's ties", body = Ties),
        (status = 403, description = "Experts only", body = Problem, content_type = "application/problem+json"),
        CreateErrors,
    ),
    security(("bearer" = []))
)]
pub async fn put_my_ties(state: web::Data<AppState>, caller: Caller, body: Json<Ties>) -> ApiResult<web::Json<Ties>> {
    require_expert(&caller)?;
    let ties = body.into_inner().ties;
    let ties = state
        .tx(move |conn| {
            // The expert's row first: two saves at once run one after the other (PostgreSQL).
            diesel::update(crate::db::schema::users::table.find(&caller.actor_id))
                .set(crate::db::schema::users::version.eq(crate::db::schema::users::version))
                .execute(conn)?;
            let old = panel::ties_of(conn, &[caller.actor_id.as_str()])?;
            let before = panel::tie_dtos(conn, &old)?;
            let rows = panel::replace_ties(conn, &caller, &ties)?;
            let after = panel::tie_dtos(conn, &rows)?;
            audit::record(conn, &caller, "evaluator.ties", "user", &caller.actor_id, Some(&before), Some(&after))?;
            Ok(after)
        })
        .await?;
    Ok(web::Json(Ties { ties }))
}
