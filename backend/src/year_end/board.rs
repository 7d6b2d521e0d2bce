//! The national board of a year's reports: every province with where its report stands, the
//! deadline (31 December unless set otherwise), days overdue, and reminders.

use std::collections::{BTreeMap, HashMap};

use actix_web::{HttpResponse, web};
use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;

use super::model::{Board, BoardRow, Remind, Reminded, SetDeadline, YearQuery};
use super::{notices, store};
use crate::audit;
use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::{counties, provinces, year_end_deadlines, year_end_reminders, year_end_reports, year_end_signatures};
use crate::domain::year_end::ReportStatus;
use crate::error::{ApiError, ApiResult, Problem, ReadErrors};
use crate::extractors::Json;
use crate::state::AppState;
use crate::tr;

/// Two admins setting the same deadline or reminding the same province at the same moment: the
/// second is told so (409) instead of meeting the first's row as a 500.
fn at_once(e: diesel::result::Error) -> ApiError {
    if crate::db::is_unique_violation(&e) {
        ApiError::Conflict(tr!("另一位管理员正在同时操作，请刷新后重试。", "Another admin did this at the same moment: reload and try again."))
    } else {
        e.into()
    }
}

/// The year's deadline: as set, or 31 December.
pub fn deadline(conn: &mut DbConn, year: i64) -> ApiResult<NaiveDate> {
    let set: Option<NaiveDate> = year_end_deadlines::table.find(year).select(year_end_deadlines::deadline).first(conn).optional()?;
    Ok(set.or_else(|| NaiveDate::from_ymd_opt(year as i32, 12, 31)).unwrap_or_default())
}

/// Days from the deadline to `day` (a day in China), when past it.
fn overdue(deadline: NaiveDate, day: NaiveDate) -> Option<i64> {
    let days = (day - deadline).num_days();
    (days > 0).then_some(days)
}

type ReportCell = (String, String, ReportStatus, Option<NaiveDateTime>);

/// Every province's row for the year, key-county provinces first (most key counties first), then by code.
pub fn rows(conn: &mut DbConn, year: i64, today: NaiveDate) -> ApiResult<(NaiveDate, Vec<BoardRow>)> {
    let deadline = deadline(conn, year)?;
    let all: Vec<(String, String)> = provinces::table.select((provinces::code, provinces::name)).order(provinces::code).load(conn)?;
    let key_counties: HashMap<String, i64> = counties::table
        .filter(counties::key_county.eq(true))
        .group_by(counties::province_code)
        .select((counties::province_code, diesel::dsl::count_star()))
        .load(conn)?
        .into_iter()
        .collect();
    let reports: HashMap<String, ReportCell> = year_end_reports::table
        .filter(year_end_reports::year.eq(year))
        .select((year_end_reports::province_code, year_end_reports::id, year_end_reports::status, year_end_reports::submitted_at))
        .load::<ReportCell>(conn)?
        .into_iter()
        .map(|r| (r.0.clone(), r))
        .collect();
    let ids: Vec<&str> = reports.values().map(|r| r.1.as_str()).collect();
    let signed: HashMap<String, i64> = year_end_signatures::table
        .filter(year_end_signatures::report_id.eq_any(&ids))
        .group_by(year_end_signatures::report_id)
        .select((year_end_signatures::report_id, diesel::dsl::count_star()))
        .load(conn)?
        .into_iter()
        .collect();
    let reminded: HashMap<String, NaiveDateTime> = year_end_reminders::table
        .filter(year_end_reminders::year.eq(year))
        .select((year_end_reminders::province_code, year_end_reminders::reminded_at))
        .load(conn)?
        .into_iter()
        .collect();
    let mut out: Vec<BoardRow> = all
        .into_iter()
        .map(|(code, name)| {
            let report = reports.get(&code);
            let state = match report {
                None => "not_started",
                Some((_, id, ReportStatus::Draft, _)) => match signed.get(id).copied().unwrap_or(0) {
                    0 => "draft",
                    1 => "signed_by_one",
                    _ => "signed",
                },
                Some((_, _, status, _)) => status.as_str(),
            };
            // the last submission, also of a returned report; lateness counts to it only while
            // the report is with the nation
            let submitted_at = report.and_then(|r| r.3);
            let day = match submitted_at.filter(|_| matches!(state, "submitted" | "accepted")) {
                Some(at) => crate::clock::in_china(at).date(),
                None => today,
            };
            BoardRow {
                key_counties: key_counties.get(&code).copied().unwrap_or(0),
                state: state.to_owned(),
                report_id: report.map(|r| r.1.clone()),
                submitted_at: submitted_at.map(|t| t.and_utc()),
                days_overdue: overdue(deadline, day),
                last_reminded_at: reminded.get(&code).map(|t| t.and_utc()),
                province_code: code,
                province_name: name,
            }
        })
        .collect();
    out.sort_by(|a, b| (a.key_counties == 0, -a.key_counties, &a.province_code).cmp(&(b.key_counties == 0, -b.key_counties, &b.province_code)));
    Ok((deadline, out))
}

/// The board of `year` as of `today`, with the count of provinces in each state.
fn board(conn: &mut DbConn, year: i64, today: NaiveDate) -> ApiResult<Board> {
    let (deadline, provinces) = rows(conn, year, today)?;
    let mut counts: BTreeMap<String, i64> = BTreeMap::new();
    for p in &provinces {
        *counts.entry(p.state.clone()).or_default() += 1;
    }
    Ok(Board { year, deadline, counts, provinces })
}

/// The national board of a year's reports
///
/// Every province (those with national key assistance counties first) with its report's state
/// — `not_started`, `draft`, `signed_by_one`, `signed`, `submitted`, `returned`, `accepted` —,
/// the deadline, days overdue and the last reminder. National admins.
#[utoipa::path(
    get, path = "/api/v1/year-end-reports/board", tag = "year-end-reports", operation_id = "getYearEndBoard",
    params(YearQuery),
    responses(
        (status = 200, description = "The board", body = Board),
        (status = 403, description = "Not a national admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Year out of range", body = Problem, content_type = "application/problem+json"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn get_year_end_board(state: web::Data<AppState>, caller: Caller, query: crate::extractors::Query<YearQuery>) -> ApiResult<web::Json<Board>> {
    store::require_national(&caller)?;
    let year = query.year;
    store::check_year(year)?;
    let today = crate::clock::in_china(caller.now).date();
    Ok(web::Json(state.db(move |conn| board(conn, year, today)).await?))
}

/// Set the deadline of a year's reports
///
/// National admins; between 1 October of the year and 30 June of the next (422 otherwise).
#[utoipa::path(
    put, path = "/api/v1/year-end-reports/deadlines/{year}", tag = "year-end-reports", operation_id = "setYearEndDeadline",
    params(("year" = i64, Path, description = "The reports' year")),
    request_body = SetDeadline,
    responses(
        (status = 200, description = "The board with the new deadline", body = Board),
        (status = 403, description = "Not a national admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Year or deadline out of range", body = Problem, content_type = "application/problem+json"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn set_year_end_deadline(
    state: web::Data<AppState>,
    caller: Caller,
    year: web::Path<String>,
    body: Json<SetDeadline>,
) -> ApiResult<HttpResponse> {
    store::require_national(&caller)?;
    let year: i64 = year.parse().map_err(|_| ApiError::field("year", tr!("年份应为数字", "a year is a number")))?;
    store::check_year(year)?;
    let day = body.into_inner().deadline;
    let earliest = NaiveDate::from_ymd_opt(year as i32, 10, 1).unwrap_or_default();
    let latest = NaiveDate::from_ymd_opt(year as i32 + 1, 6, 30).unwrap_or_default();
    if day < earliest || day > latest {
        return Err(ApiError::field("deadline", tr!("应在 {earliest} 至 {latest} 之间", "between {earliest} and {latest}")));
    }
    let today = crate::clock::in_china(caller.now).date();
    let answer = state
        .tx(move |conn| {
            let before = deadline(conn, year)?;
            diesel::delete(year_end_deadlines::table.find(year)).execute(conn)?;
            diesel::insert_into(year_end_deadlines::table)
                .values((
                    year_end_deadlines::year.eq(year),
                    year_end_deadlines::deadline.eq(day),
                    year_end_deadlines::updated_by.eq(&caller.actor_id),
                    year_end_deadlines::updated_at.eq(caller.now),
                ))
                .execute(conn)
                .map_err(at_once)?;
            audit::record(conn, &caller, "year_end_deadline.set", "year_end_deadline", &year.to_string(), Some(&before), Some(&day))?;
            board(conn, year, today)
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// Remind provinces of their year-end report
///
/// National admins. Each province named (every one whose report is not submitted or accepted
/// when none are named) is told through its provincial officers' notifications; provinces that
/// have submitted or been accepted are left out. The board shows when each was last reminded.
#[utoipa::path(
    post, path = "/api/v1/year-end-reports/reminders", tag = "year-end-reports", operation_id = "remindYearEndReports",
    request_body = Remind,
    responses(
        (status = 200, description = "Who was reminded", body = Reminded),
        (status = 403, description = "Not a national admin", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Year out of range, or an unknown province", body = Problem, content_type = "application/problem+json"),
        ReadErrors,
    ),
    security(("bearer" = []))
)]
pub async fn remind_year_end_reports(state: web::Data<AppState>, caller: Caller, body: Json<Remind>) -> ApiResult<web::Json<Reminded>> {
    store::require_national(&caller)?;
    let b = body.into_inner();
    store::check_year(b.year)?;
    if b.province_codes.as_ref().is_some_and(|p| p.len() > 64) {
        return Err(ApiError::field("province_codes", tr!("最多 64 个省份", "at most 64 provinces")));
    }
    let today = crate::clock::in_china(caller.now).date();
    let reminded = state
        .tx(move |conn| {
            let (_, rows) = rows(conn, b.year, today)?;
            if let Some(asked) = &b.province_codes
                && let Some(unknown) = asked.iter().find(|c| !rows.iter().any(|r| &r.province_code == *c))
            {
                return Err(ApiError::field("province_codes", tr!("没有这个省份：{unknown}", "no such province: {unknown}")));
            }
            let mut provinces = vec![];
            let mut notified = 0;
            for r in rows.iter().filter(|r| !matches!(r.state.as_str(), "submitted" | "accepted")) {
                if b.province_codes.as_ref().is_some_and(|asked| !asked.contains(&r.province_code)) {
                    continue;
                }
                notified += notices::remind(conn, &caller, b.year, &r.province_code, &r.province_name)? as i64;
                diesel::delete(
                    year_end_reminders::table.filter(year_end_reminders::province_code.eq(&r.province_code)).filter(year_end_reminders::year.eq(b.year)),
                )
                .execute(conn)?;
                diesel::insert_into(year_end_reminders::table)
                    .values((
                        year_end_reminders::province_code.eq(&r.province_code),
                        year_end_reminders::year.eq(b.year),
                        year_end_reminders::reminded_at.eq(caller.now),
                        year_end_reminders::reminded_by.eq(&caller.actor_id),
                    ))
                    .execute(conn)
                    .map_err(at_once)?;
                provinces.push(r.province_code.clone());
            }
            let what = serde_json::json!({"year": b.year, "provinces": provinces, "notified": notified});
            audit::record(conn, &caller, "year_end_report.remind", "year_end_deadline", &b.year.to_string(), None::<&()>, Some(&what))?;
            Ok(Reminded { provinces, notified })
        })
        .await?;
    Ok(web::Json(reminded))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overdue_counts_days_after_the_deadline_only() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 31).expect("date");
        assert_eq!(overdue(d, d), None);
        assert_eq!(overdue(d, NaiveDate::from_ymd_opt(2027, 1, 3).expect("date")), Some(3));
        assert_eq!(overdue(d, NaiveDate::from_ymd_opt(2026, 6, 1).expect("date")), None);
    }
}
