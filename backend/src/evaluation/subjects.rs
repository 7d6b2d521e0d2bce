//! A round's subjects: chosen by its filter (or listed) while it is a draft, and their computed
//! indicators snapshotted when scoring opens (or again on demand before close), so that later
//! data does not move a closed ranking. The snapshot runs as a background job: a national
//! round covers every organization with a pairing.

use std::collections::HashSet;

use diesel::prelude::*;

use super::metrics::{self, Period};
use super::model::{RoundRow, SubjectRow};
use crate::db::schema::{brands, evaluation_rounds, evaluation_subjects, organizations, provinces};
use crate::db::sql::{Bind, Dynamic};
use crate::db::DbConn;
use crate::domain::evaluation::{SubjectFilter, SubjectType};
use crate::error::{ApiError, ApiResult};
use crate::tr;

/// Listed subjects at most.
pub const MAX_LISTED: usize = 5_000;

/// Chooses the round's subjects again (a draft's filter or list changed).
pub fn choose(conn: &mut DbConn, round: &RoundRow, listed: &[String]) -> ApiResult<i64> {
    diesel::delete(evaluation_subjects::table.filter(evaluation_subjects::round_id.eq(&round.id))).execute(conn)?;
    if round.subject_filter == SubjectFilter::Listed {
        return choose_listed(conn, round, listed);
    }
    let mut q = Dynamic::new(conn);
    q.push("INSERT INTO evaluation_subjects (round_id, subject_id, name, province_code, organization_id, metrics) SELECT ")
        .bind(Bind::Text(round.id.clone()));
    let from = match (round.subject_type, round.subject_filter) {
        (SubjectType::Organization, SubjectFilter::ActivePairing) => {
            ", o.id, o.name, o.province_code, o.id, '{}' FROM organizations o WHERE o.status = 'active' AND EXISTS \
             (SELECT 1 FROM pairing_members m JOIN pairings p ON p.id = m.pairing_id \
              WHERE m.organization_id = o.id AND m.consent = 'accepted' AND p.status = 'active')"
        }
        (SubjectType::Organization, _) => ", o.id, o.name, o.province_code, o.id, '{}' FROM organizations o WHERE o.status = 'active'",
        (SubjectType::Brand, SubjectFilter::Recognized) => {
            ", b.id, b.name, b.province_code, b.owner_organization_id, '{}' FROM brands b \
             WHERE b.status IN ('recognized', 'demonstration')"
        }
        (SubjectType::Brand, _) => {
            ", b.id, b.name, b.province_code, b.owner_organization_id, '{}' FROM brands b \
             WHERE b.status NOT IN ('draft', 'returned', 'revoked')"
        }
        (SubjectType::Province, SubjectFilter::KeyCountyProvinces) => {
            ", v.code, v.name, v.code, NULL, '{}' FROM provinces v \
             WHERE EXISTS (SELECT 1 FROM counties c WHERE c.province_code = v.code AND c.key_county)"
        }
        (SubjectType::Province, _) => ", v.code, v.name, v.code, NULL, '{}' FROM provinces v",
    };
    q.push(from);
    Ok(q.execute(conn)? as i64)
}

fn choose_listed(conn: &mut DbConn, round: &RoundRow, listed: &[String]) -> ApiResult<i64> {
    let ids: Vec<&str> = listed.iter().map(String::as_str).collect::<HashSet<_>>().into_iter().collect();
    // (id, name, province, organization)
    let found: Vec<(String, String, String, Option<String>)> = match round.subject_type {
        SubjectType::Organization => organizations::table
            .filter(organizations::id.eq_any(&ids))
            .select((organizations::id, organizations::name, organizations::province_code, organizations::id.nullable()))
            .load(conn)?,
        SubjectType::Brand => brands::table
            .filter(brands::id.eq_any(&ids))
            .select((brands::id, brands::name, brands::province_code, brands::owner_organization_id.nullable()))
            .load(conn)?,
        SubjectType::Province => provinces::table
            .filter(provinces::code.eq_any(&ids))
            .select((provinces::code, provinces::name, provinces::code, diesel::dsl::sql::<diesel::sql_types::Nullable<diesel::sql_types::Text>>("NULL")))
            .load(conn)?,
    };
    let known: HashSet<&str> = found.iter().map(|f| f.0.as_str()).collect();
    let mut unknown: Vec<&str> = ids.iter().copied().filter(|i| !known.contains(i)).collect();
    if !unknown.is_empty() {
        unknown.sort_unstable();
        let some = unknown.iter().take(5).copied().collect::<Vec<_>>().join(", ");
        return Err(ApiError::field("subject_ids", tr!("找不到这些评估对象：{some}", "no such subjects: {some}")));
    }
    let rows: Vec<SubjectRow> = found
        .into_iter()
        .map(|(id, name, province, org)| SubjectRow {
            round_id: round.id.clone(),
            subject_id: id,
            name,
            province_code: Some(province),
            organization_id: org,
            metrics: "{}".into(),
            result: None,
            total: None,
            rank: None,
        })
        .collect();
    for chunk in rows.chunks(1000) {
        crate::batch_insert!(conn, evaluation_subjects::table, chunk)?;
    }
    Ok(rows.len() as i64)
}

/// Writes columns of many subjects of a round, 500 rows a statement (`WITH v(…) AS (VALUES …)
/// UPDATE … FROM v`, which both databases take): a national round's 100,000 subjects are 200
/// statements, not 100,000. `columns` are trusted names; each row is its subject id and one
/// value per column.
pub fn write_columns(conn: &mut DbConn, round_id: &str, columns: &[&str], rows: Vec<(String, Vec<Bind>)>) -> ApiResult<()> {
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        let mut q = Dynamic::new(conn);
        q.push(&format!("WITH v(subject_id, {}) AS (VALUES ", columns.join(", ")));
        for (n, (id, values)) in rows.by_ref().take(500).enumerate() {
            q.push(if n == 0 { "(" } else { ", (" }).bind(Bind::Text(id));
            for v in values {
                q.push(", ").bind(v);
            }
            q.push(")");
        }
        let set: Vec<String> = columns.iter().map(|c| format!("{c} = v.{c}")).collect();
        q.push(&format!(") UPDATE evaluation_subjects SET {} FROM v WHERE evaluation_subjects.round_id = ", set.join(", ")));
        q.bind(Bind::Text(round_id.to_owned())).push(" AND evaluation_subjects.subject_id = v.subject_id");
        q.execute(conn)?;
    }
    Ok(())
}

/// Subjects written per transaction by the snapshot job: short transactions, so that other
/// writers (SQLite has one at a time) wait a moment, not for the whole snapshot.
const CHUNK: usize = 2_000;

/// Takes the round's row if this job is still its snapshot and the round is scoring: false
/// when a newer snapshot or a move superseded the job, which then stops.
fn still_ours(conn: &mut DbConn, round_id: &str, job_id: &str) -> ApiResult<bool> {
    let n = diesel::update(
        evaluation_rounds::table
            .find(round_id)
            .filter(evaluation_rounds::snapshot_job_id.eq(job_id))
            .filter(evaluation_rounds::status.eq(crate::domain::evaluation::RoundStatus::Scoring)),
    )
    .set(evaluation_rounds::version.eq(evaluation_rounds::version))
    .execute(conn)?;
    Ok(n > 0)
}

/// Computes the figures of every subject of the round (reading, outside any transaction), then
/// writes them in short transactions, reporting progress as (done, total) between them, and
/// records `snapshot_at`. Returns the subjects written, or `None` when the job was superseded.
pub fn snapshot(conn: &mut DbConn, round_id: &str, job_id: &str, progress: &dyn Fn(i64, i64)) -> ApiResult<Option<i64>> {
    let round = super::store::load_round(conn, round_id)?.ok_or(ApiError::NotFound)?;
    let now = chrono::Utc::now().naive_utc();
    let period = Period { start: round.period_start, end: round.period_end, now };
    let computed = metrics::compute(conn, round.subject_type, period)?;
    let ids: Vec<String> = evaluation_subjects::table
        .filter(evaluation_subjects::round_id.eq(&round.id))
        .select(evaluation_subjects::subject_id)
        .load(conn)?;
    let total = ids.len() as i64;
    progress(0, total);
    let mut done = 0;
    for chunk in ids.chunks(CHUNK) {
        let rows = chunk
            .iter()
            .map(|id| {
                let figures = metrics::complete(round.subject_type, computed.get(id));
                let json = serde_json::to_string(&figures).map_err(|e| ApiError::Internal(e.into()))?;
                Ok((id.clone(), vec![Bind::Text(json)]))
            })
            .collect::<ApiResult<Vec<_>>>()?;
        let ours = crate::db::write_transaction(conn, |conn| {
            if !still_ours(conn, &round.id, job_id)? {
                return Ok::<_, ApiError>(false);
            }
            write_columns(conn, &round.id, &["metrics"], rows)?;
            Ok(true)
        })?;
        if !ours {
            return Ok(None);
        }
        done += chunk.len() as i64;
        progress(done, total);
    }
    let ours = crate::db::write_transaction(conn, |conn| {
        if !still_ours(conn, &round.id, job_id)? {
            return Ok::<_, ApiError>(false);
        }
        diesel::update(evaluation_rounds::table.find(&round.id))
            .set((evaluation_rounds::snapshot_at.eq(now), evaluation_rounds::snapshot_job_id.eq(None::<String>)))
            .execute(conn)?;
        Ok(true)
    })?;
    Ok(ours.then_some(total))
}

/// The round a snapshot or ranking job is for: its input is `{"round_id"}`.
pub(super) fn round_of(input: &serde_json::Value) -> Result<String, String> {
    input["round_id"].as_str().map(str::to_owned).ok_or_else(|| "the job names no round".to_owned())
}

/// Runs a snapshot job on whichever instance claimed it. Run again after its instance stopped,
/// it snapshots from the start: each subject's figures are overwritten.
pub fn snapshot_job(job: &crate::jobs::JobRun, input: serde_json::Value) -> Result<serde_json::Value, String> {
    let round_id = round_of(&input)?;
    job.progress(0, 0);
    let mut conn = job.pool.get().map_err(|e| e.to_string())?;
    let snapshotted = snapshot(&mut conn, &round_id, &job.id, &|done, total| job.progress(done, total))
        .map_err(|e| format!("evaluation snapshot failed: {e}"))?;
    Ok(match snapshotted {
        Some(n) => serde_json::json!({"round_id": round_id, "subjects": n}),
        None => serde_json::json!({"round_id": round_id, "superseded": true}),
    })
}
