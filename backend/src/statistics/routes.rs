//! The statistics endpoints: thin handlers that check the query, pick the caller's scope and
//! serve the (cached) answer.

use actix_web::{HttpRequest, HttpResponse, web};
use chrono::{Datelike, NaiveDate};

use super::model::{Interval, MAX_DIMENSIONS, MAX_MONTHS, ProjectDimension, ProjectRollup, ProjectRollupQuery, ProjectSeries, ProjectSeriesQuery};
use super::projects;
use crate::auth::Caller;
use crate::cache::Key;
use crate::error::{ApiError, ApiResult, ListErrors, Problem};
use crate::sheets::export::{self, Export};
use crate::sheets::{Cell, ExportFormat, ExportParams};
use crate::state::AppState;
use crate::tr;

/// `province,status` → the dimensions, in order; unknown, repeated or too many is a 422 on `group_by`.
pub fn parse_group_by(raw: Option<&str>) -> ApiResult<Vec<ProjectDimension>> {
    let mut out: Vec<ProjectDimension> = vec![];
    for part in raw.unwrap_or_default().split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let d: ProjectDimension = part.parse().map_err(|_| {
            let allowed = ProjectDimension::ALL.iter().map(|d| d.as_str()).collect::<Vec<_>>().join(", ");
            ApiError::field("group_by", tr!("不支持的分组：{part}（可选：{allowed}）", "unknown grouping {part} (one of: {allowed})"))
        })?;
        if out.contains(&d) {
            return Err(ApiError::field("group_by", tr!("分组重复：{part}", "{part} is listed twice")));
        }
        out.push(d);
    }
    if out.len() > MAX_DIMENSIONS {
        return Err(ApiError::field("group_by", tr!("最多按 {MAX_DIMENSIONS} 项分组", "at most {MAX_DIMENSIONS} groupings")));
    }
    Ok(out)
}

fn check_year(year: Option<i64>) -> ApiResult<()> {
    match year {
        Some(y) if !crate::bounds::YEARS.contains(&y) => {
            Err(ApiError::field("year", tr!("年份应在 2021–2100 之间", "must be between 2021 and 2100")))
        }
        _ => Ok(()),
    }
}

/// The roll-up a caller may see: over their scope only (`Caller::data_scope`), cached per scope
/// and query until the next write.
async fn rollup_for(state: &AppState, caller: &Caller, query: ProjectRollupQuery) -> ApiResult<std::sync::Arc<serde_json::Value>> {
    let group_by = parse_group_by(query.group_by.as_deref())?;
    check_year(query.year)?;
    let scope = caller.data_scope();
    let key = Key::new(scope.clone(), format!("statistics/projects/{group_by:?}/{query:?}"));
    state
        .aggregates
        .body(&key, None, || {
            state.db(move |conn| {
                let (rows, totals) = projects::rollup(conn, &scope, &group_by, &query)?;
                Ok(ProjectRollup { group_by, rows, totals })
            })
        })
        .await
}

/// Projects rolled up by the keys asked for
///
/// Counts and exact sums (money as decimal strings) of the projects in the caller's scope: a
/// national admin's cover every project, a provincial officer's their province, a county
/// officer's their county, an organization's members the projects it takes part in, and
/// everyone else (evaluators, viewers) the published projects — landed or completed. Read from
/// maintained aggregates, so the answer is as of the last write and costs the same at any size.
#[utoipa::path(
    get, path = "/api/v1/statistics/projects", tag = "statistics", operation_id = "getProjectRollup",
    params(ProjectRollupQuery),
    responses(
        (status = 200, description = "The roll-up", body = ProjectRollup, headers(("ETag" = String))),
        (status = 304, description = "Not modified since the ETag sent"),
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn get_project_rollup(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    query: crate::extractors::Query<ProjectRollupQuery>,
) -> ApiResult<HttpResponse> {
    let cached = rollup_for(&state, &caller, query.into_inner()).await?;
    Ok(crate::http::cached_json(&req, &cached, "private, no-cache"))
}

/// The first and last day of a series, defaulting to last year's 1 January and today in China.
fn series_range(caller: &Caller, query: &ProjectSeriesQuery) -> ApiResult<(NaiveDate, NaiveDate)> {
    let today = crate::clock::in_china(caller.now).date();
    let from = query.from.unwrap_or_else(|| NaiveDate::from_ymd_opt(today.year() - 1, 1, 1).unwrap_or(today));
    let to = query.to.unwrap_or(today);
    if from > to {
        return Err(ApiError::field("from", tr!("开始日期不能晚于结束日期", "must not be after to")));
    }
    let months = i64::from(to.year() - from.year()) * 12 + i64::from(to.month()) - i64::from(from.month());
    if months >= MAX_MONTHS {
        return Err(ApiError::field("from", tr!("时间范围最多 {MAX_MONTHS} 个月", "at most {MAX_MONTHS} months")));
    }
    Ok((from, to))
}

/// Projects over time
///
/// Per month, quarter or year (China Standard Time): projects docked, landings confirmed, and
/// the funds put in place and beneficiaries reached by the progress updates dated in the
/// period, over the caller's scope (as `getProjectRollup`). Every period from `from` to `to`
/// is listed, empty ones included.
#[utoipa::path(
    get, path = "/api/v1/statistics/projects/series", tag = "statistics", operation_id = "getProjectSeries",
    params(ProjectSeriesQuery),
    responses(
        (status = 200, description = "The series", body = ProjectSeries, headers(("ETag" = String))),
        (status = 304, description = "Not modified since the ETag sent"),
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn get_project_series(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    query: crate::extractors::Query<ProjectSeriesQuery>,
) -> ApiResult<HttpResponse> {
    let query = query.into_inner();
    let (from, to) = series_range(&caller, &query)?;
    let interval = query.interval.unwrap_or(Interval::Month);
    let scope = caller.data_scope();
    let key = Key::new(scope.clone(), format!("statistics/projects/series/{from}/{to}/{interval:?}/{query:?}"));
    let cached = state
        .aggregates
        .body(&key, None, || {
            state.db(move |conn| {
                let periods = projects::series(conn, &scope, interval, from, to, &query)?;
                Ok(ProjectSeries { interval, from, to, periods })
            })
        })
        .await?;
    Ok(crate::http::cached_json(&req, &cached, "private, no-cache"))
}

fn dimension_headers(d: ProjectDimension) -> &'static [&'static str] {
    use ProjectDimension::*;
    match d {
        Province => &["省份代码", "省份"],
        County => &["县代码", "县"],
        Status => &["项目状态"],
        AssistanceType => &["帮扶类型"],
        Year => &["对接年份"],
        KeyCounty => &["重点帮扶县"],
        GovernmentPurchase => &["政府购买服务"],
    }
}

const FIGURE_HEADERS: [&str; 6] = ["项目数", "计划资金（元）", "到位资金（元）", "政府购买合同金额（元）", "计划受益人数", "实际受益人数"];

fn yes_no(b: Option<bool>) -> Cell {
    Cell::text(match b {
        Some(true) => "是",
        Some(false) => "否",
        None => "",
    })
}

fn people(n: i128) -> Cell {
    i64::try_from(n).map(Cell::Count).unwrap_or_else(|_| Cell::text(n.to_string()))
}

fn export_row(group_by: &[ProjectDimension], r: &super::model::ProjectRollupRow) -> Vec<Cell> {
    let mut out = vec![];
    for d in group_by {
        use ProjectDimension::*;
        match d {
            Province => out.extend([Cell::text(r.province.clone().unwrap_or_default()), Cell::text(r.province_name.clone().unwrap_or_default())]),
            County => out.extend([Cell::text(r.county.clone().unwrap_or_default()), Cell::text(r.county_name.clone().unwrap_or_default())]),
            Status => out.push(Cell::text(r.status.map(|s| s.zh()).unwrap_or_default())),
            AssistanceType => out.push(Cell::text(r.assistance_type.map(|t| t.zh()).unwrap_or_default())),
            Year => out.push(Cell::Count(r.year.unwrap_or_default())),
            KeyCounty => out.push(yes_no(r.key_county)),
            GovernmentPurchase => out.push(yes_no(r.government_purchase)),
        }
    }
    let f = &r.figures;
    out.extend([
        Cell::Count(f.count),
        Cell::yuan(f.planned_funds),
        Cell::yuan(f.funds_in_place),
        Cell::yuan(f.contract_amount),
        people(f.beneficiaries_planned),
        people(f.beneficiaries_reached),
    ]);
    out
}

/// Export a projects roll-up
///
/// The table `getProjectRollup` answers for the same query, with Chinese headers, and a last
/// row of totals (合计).
#[utoipa::path(
    get, path = "/api/v1/statistics/projects/export", tag = "statistics", operation_id = "exportProjectRollup",
    params(ExportParams, ProjectRollupQuery),
    responses(
        (status = 200, description = "The file, in the `format` asked for (xlsx by default)",
         content((crate::http::RawFile = "text/csv"), (crate::http::RawFile = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn export_project_rollup(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    params: crate::extractors::Query<ExportParams>,
    query: crate::extractors::Query<ProjectRollupQuery>,
) -> ApiResult<HttpResponse> {
    let cached = rollup_for(&state, &caller, query.into_inner()).await?;
    let rollup: ProjectRollup = serde_json::from_str(cached["body"].as_str().unwrap_or_default())
        .map_err(|e| ApiError::Internal(e.into()))?;
    let mut headers: Vec<String> =
        rollup.group_by.iter().flat_map(|d| dimension_headers(*d).iter().map(|h| (*h).to_owned())).collect();
    headers.extend(FIGURE_HEADERS.map(String::from));
    let mut rows: Vec<Vec<Cell>> = rollup.rows.iter().map(|r| export_row(&rollup.group_by, r)).collect();
    let totals = super::model::ProjectRollupRow { figures: rollup.totals.clone(), ..Default::default() };
    let mut last = export_row(&[], &totals);
    let width = headers.len() - FIGURE_HEADERS.len();
    let mut label = vec![Cell::text(if width > 0 { "合计" } else { "" })];
    label.extend((1..width).map(|_| Cell::text("")));
    if width > 0 {
        label.append(&mut last);
        rows.push(label);
    } else {
        rows.push(last);
    }
    let what = Export { stem: "statistics-projects", sheet: "项目统计", headers };
    let format = params.format.unwrap_or(ExportFormat::Xlsx);
    let mut once = Some(rows);
    let pages: export::Pages = Box::new(move |_conn, _after| Ok((once.take().unwrap_or_default(), None)));
    export::respond(&req, state.pool.clone(), format, what, caller.now, pages).await
}

use super::tables::{self, ColumnKind, Fact, StatisticsTable, TableQuery};

/// A fact's table over the caller's scope, cached per scope and query until the next write.
async fn table_for(state: &AppState, caller: &Caller, fact: Fact, query: TableQuery) -> ApiResult<std::sync::Arc<serde_json::Value>> {
    tables::check(fact, &query)?;
    let scope = caller.data_scope();
    let key = Key::new(scope.clone(), format!("statistics/tables/{fact:?}/{query:?}"));
    state.aggregates.body(&key, None, || state.db(move |conn| tables::table(conn, &scope, fact, &query))).await
}

/// A statistics table of any fact
///
/// One shape for every fact, for explorers and pivots: `columns` (grouping keys first, then
/// measures, each with its Chinese and English label and kind), `rows` keyed by column, and the
/// `totals`. Over the caller's scope only: a national admin's is everything; a provincial
/// officer's their province; a county officer's their county (for organizations, those paired
/// with it); an organization's members their own projects, pairings, cultivation, organization
/// and brands, the trainings it took part in and the incidents it reported; everyone else the
/// published facts (active and concluded pairings, landed and completed projects, open and
/// matched needs, active organizations, recognized brands, held trainings — and no incidents:
/// incidents are never public). National trainings count in the national scope only, as the
/// row of no province (`province` null, `province_name` 全国).
///
/// Grouping keys (also filters, `status=active`): projects — province, county, key_county,
/// status, assistance_type, year, government_purchase; pairings — province, county,
/// key_county, status, channel, registration_level (of the lead organization), year;
/// cultivation — province, county, key_county, year; organizations — province, legal_form,
/// category, registration_level, status, year; needs — province, county, key_county, status,
/// assistance_type, priority, year; brands — province, line, status, year; trainings —
/// province, level (the organizer's), status, mode, year; incidents — province, county,
/// key_county, kind, severity, status, year.
#[utoipa::path(
    get, path = "/api/v1/statistics/tables/{fact}", tag = "statistics", operation_id = "getStatisticsTable",
    params(("fact" = Fact, Path, description = "What to roll up"), TableQuery),
    responses(
        (status = 200, description = "The table", body = StatisticsTable, headers(("ETag" = String))),
        (status = 304, description = "Not modified since the ETag sent"),
        (status = 404, description = "No such fact", body = Problem, content_type = "application/problem+json"),
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn get_statistics_table(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    fact: web::Path<Fact>,
    query: crate::extractors::Query<TableQuery>,
) -> ApiResult<HttpResponse> {
    let cached = table_for(&state, &caller, fact.into_inner(), query.into_inner()).await?;
    Ok(crate::http::cached_json(&req, &cached, "private, no-cache"))
}

fn cell(fact: Fact, key: &str, kind: ColumnKind, v: &serde_json::Value) -> Cell {
    match (kind, v) {
        (ColumnKind::Money, serde_json::Value::String(s)) => {
            crate::domain::Money::parse(s).map(Cell::yuan).unwrap_or_else(|_| Cell::text(s.clone()))
        }
        (ColumnKind::Count, serde_json::Value::Number(n)) => n.as_i64().map(Cell::Count).unwrap_or_else(|| Cell::text(n.to_string())),
        (ColumnKind::Ratio, serde_json::Value::Number(n)) => Cell::text(format!("{:.2}%", n.as_f64().unwrap_or(0.0) * 100.0)),
        (ColumnKind::Key, serde_json::Value::String(s)) => Cell::text(super::labels::zh(fact, key, s)),
        (ColumnKind::Key, serde_json::Value::Bool(b)) => Cell::text(super::labels::zh(fact, key, &b.to_string())),
        (_, serde_json::Value::Number(n)) => Cell::text(n.to_string()),
        (_, serde_json::Value::Null) => Cell::text(""),
        (_, other) => Cell::text(other.to_string()),
    }
}

/// Export a statistics table
///
/// The table `getStatisticsTable` answers for the same query, with Chinese headers and values,
/// and a last row of totals (合计).
#[utoipa::path(
    get, path = "/api/v1/statistics/tables/{fact}/export", tag = "statistics", operation_id = "exportStatisticsTable",
    params(("fact" = Fact, Path, description = "What to roll up"), ExportParams, TableQuery),
    responses(
        (status = 200, description = "The file, in the `format` asked for (xlsx by default)",
         content((crate::http::RawFile = "text/csv"), (crate::http::RawFile = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))),
        (status = 404, description = "No such fact", body = Problem, content_type = "application/problem+json"),
        ListErrors,
    ),
    security(("bearer" = []))
)]
pub async fn export_statistics_table(
    state: web::Data<AppState>,
    caller: Caller,
    req: HttpRequest,
    fact: web::Path<Fact>,
    params: crate::extractors::Query<ExportParams>,
    query: crate::extractors::Query<TableQuery>,
) -> ApiResult<HttpResponse> {
    let fact = fact.into_inner();
    let cached = table_for(&state, &caller, fact, query.into_inner()).await?;
    let t: StatisticsTable =
        serde_json::from_str(cached["body"].as_str().unwrap_or_default()).map_err(|e| ApiError::Internal(e.into()))?;
    let headers: Vec<String> = t.columns.iter().map(|c| c.label_zh.clone()).collect();
    let mut rows: Vec<Vec<Cell>> = t
        .rows
        .iter()
        .map(|r| t.columns.iter().map(|c| cell(fact, &c.key, c.kind, r.get(&c.key).unwrap_or(&serde_json::Value::Null))).collect())
        .collect();
    rows.push(
        t.columns
            .iter()
            .enumerate()
            .map(|(i, c)| match c.kind {
                ColumnKind::Key if i == 0 => Cell::text("合计"),
                ColumnKind::Key => Cell::text(""),
                _ => cell(fact, &c.key, c.kind, t.totals.get(&c.key).unwrap_or(&serde_json::Value::Null)),
            })
            .collect(),
    );
    let what = Export { stem: fact.file_stem(), sheet: "统计", headers };
    let format = params.format.unwrap_or(ExportFormat::Xlsx);
    let mut once = Some(rows);
    let pages: export::Pages = Box::new(move |_conn, _after| Ok((once.take().unwrap_or_default(), None)));
    export::respond(&req, state.pool.clone(), format, what, caller.now, pages).await
}
