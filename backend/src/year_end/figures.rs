//! A report's figures: the statistics platform's roll-ups for the province and year (the same
//! tables a coordinator explores, over the province's scope), read into one flat list of labelled
//! values that is frozen into the report at submission.

use diesel::prelude::*;
use serde_json::Value;

use super::model::Figure;
use crate::auth::scope::DataScope;
use crate::db::DbConn;
use crate::db::schema::{case_collections, cases};
use crate::domain::project::ProjectStatus;
use crate::error::ApiResult;
use crate::statistics::tables::{self, Fact, TableQuery};

struct Reader<'a> {
    conn: &'a mut DbConn,
    scope: DataScope,
    province: String,
    year: i64,
    out: Vec<Figure>,
}

impl Reader<'_> {
    fn query(&self, year: bool) -> TableQuery {
        TableQuery { province: Some(self.province.clone()), year: year.then_some(self.year), ..TableQuery::default() }
    }

    /// The totals of `fact` under `query`.
    fn totals(&mut self, fact: Fact, query: TableQuery) -> ApiResult<serde_json::Map<String, Value>> {
        Ok(tables::table(self.conn, &self.scope, fact, &query)?.totals)
    }

    fn push(&mut self, key: &str, zh: &str, en: &str, money: bool, value: &Value) {
        let value = match value {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            _ => "0".to_owned(),
        };
        let kind = if money { "money" } else { "count" };
        self.out.push(Figure { key: key.into(), label_zh: zh.into(), label_en: en.into(), kind: kind.into(), value });
    }
}

/// A measure of a statistics table's totals; zero when the table has no such measure.
fn field<'a>(totals: &'a serde_json::Map<String, Value>, key: &str) -> &'a Value {
    static MISSING: Value = Value::Null;
    totals.get(key).unwrap_or(&MISSING)
}

/// The figures of `province` for `year` as the statistics read them now.
pub fn live(conn: &mut DbConn, province: &str, year: i64) -> ApiResult<Vec<Figure>> {
    let mut r = Reader { conn, scope: DataScope::Province(province.to_owned()), province: province.to_owned(), year, out: vec![] };

    // 结对帮扶: the pairings started in the year, those active now, and the key counties they cover.
    let started = r.totals(Fact::Pairings, r.query(true))?;
    r.push("pairings_started", "年内新建结对", "Pairings started in the year", false, field(&started, "count"));
    let active = r.totals(Fact::Pairings, TableQuery { status: Some("active".into()), ..r.query(false) })?;
    r.push("pairings_active", "在帮结对（进行中）", "Active pairings", false, field(&active, "count"));
    let key = r.totals(Fact::Pairings, TableQuery { status: Some("active".into()), key_county: Some(true), ..r.query(false) })?;
    r.push("key_counties_covered", "结对覆盖重点帮扶县", "Key counties covered", false, field(&key, "counties"));

    // 项目: those docked in the year, by status, with their funds and beneficiaries.
    let projects = tables::table(r.conn, &r.scope, Fact::Projects, &TableQuery { group_by: Some("status".into()), ..r.query(true) })?;
    r.push("projects", "年内对接项目", "Projects docked in the year", false, field(&projects.totals, "count"));
    for status in ProjectStatus::ALL {
        let count = projects
            .rows
            .iter()
            .find(|row| row.get("status").and_then(Value::as_str) == Some(status.as_str()))
            .and_then(|row| row.get("count").cloned())
            .unwrap_or(Value::from(0));
        let zh = format!("其中：{}", status.zh());
        r.push(&format!("projects.{}", status.as_str()), &zh, &format!("of which {}", status.as_str()), false, &count);
    }
    r.push("planned_funds", "计划资金（元）", "Planned funds (yuan)", true, field(&projects.totals, "planned_funds"));
    r.push("funds_in_place", "到位资金（元）", "Funds in place (yuan)", true, field(&projects.totals, "funds_in_place"));
    r.push("beneficiaries_reached", "实际受益人数", "Beneficiaries reached", false, field(&projects.totals, "beneficiaries_reached"));

    // 政府购买服务
    let bought = r.totals(Fact::Projects, TableQuery { government_purchase: Some(true), ..r.query(true) })?;
    r.push("government_purchase", "政府购买服务项目", "Government-purchased projects", false, field(&bought, "count"));
    r.push("government_purchase_amount", "政府购买合同金额（元）", "Contract amount (yuan)", true, field(&bought, "contract_amount"));

    // 本土培育
    let cultivation = r.totals(Fact::Cultivation, r.query(true))?;
    r.push("local_organizations", "培育本土社会组织", "Local organizations cultivated", false, field(&cultivation, "local_organizations"));
    r.push("volunteers", "培育志愿者", "Volunteers", false, field(&cultivation, "volunteers"));
    r.push("social_workers", "培育社会工作者", "Social workers", false, field(&cultivation, "social_workers"));

    // 公益品牌: every brand of the province's organizations, and the recognized ones.
    let brands = tables::table(r.conn, &r.scope, Fact::Brands, &TableQuery { group_by: Some("status".into()), ..r.query(false) })?;
    r.push("brands", "公益品牌", "Brands", false, field(&brands.totals, "count"));
    let recognized: i64 = brands
        .rows
        .iter()
        .filter(|row| matches!(row.get("status").and_then(Value::as_str), Some("recognized" | "demonstration")))
        .filter_map(|row| row.get("count").and_then(Value::as_i64))
        .sum();
    r.push("brands_recognized", "其中：认定及示范品牌", "of which recognized", false, &Value::from(recognized));

    // 组织培训: the province's and its counties' trainings held in the year (national ones count nationally).
    let trainings = r.totals(Fact::Trainings, TableQuery { status: Some("held".into()), ..r.query(true) })?;
    r.push("trainings", "举办培训", "Trainings held", false, field(&trainings, "count"));
    r.push("organizations_trained", "参训组织（次）", "Organizations trained", false, field(&trainings, "organizations"));
    r.push("people_trained", "培训人次", "People trained", false, field(&trainings, "head_count"));

    // 应急处理: incidents that happened in the year, the grave ones, and those still open.
    let incidents = r.totals(Fact::Incidents, r.query(true))?;
    r.push("incidents", "发生事件", "Incidents", false, field(&incidents, "count"));
    r.push("incidents_urgent", "其中：重大及以上", "of which high or critical", false, field(&incidents, "urgent"));
    r.push("incidents_open", "其中：尚未办结", "of which still open", false, field(&incidents, "open"));

    // 案例: submitted to the year's collections by the province's organizations, and the typical ones.
    let (submitted, typical) = case_counts(r.conn, province, year)?;
    r.push("cases_submitted", "报送案例", "Cases submitted", false, &Value::from(submitted));
    r.push("cases_typical", "其中：典型案例", "of which typical", false, &Value::from(typical));
    Ok(r.out)
}

fn case_counts(conn: &mut DbConn, province: &str, year: i64) -> ApiResult<(i64, i64)> {
    use crate::domain::case::CaseStatus;
    let of_year = cases::table
        .inner_join(case_collections::table.on(case_collections::id.eq(cases::collection_id)))
        .filter(cases::province_code.eq(province))
        .filter(case_collections::year.eq(year));
    let submitted = of_year.filter(cases::status.ne(CaseStatus::Draft)).count().get_result(conn)?;
    let typical = of_year.filter(cases::status.eq(CaseStatus::Typical)).count().get_result(conn)?;
    Ok((submitted, typical))
}
