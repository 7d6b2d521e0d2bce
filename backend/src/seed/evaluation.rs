//! The demo's evaluation: an active framework for organizations with a published round over
//! every demo organization (two experts each, every score in) and a published selection of
//! its best; an active framework for brands with a round being scored, so the demo experts
//! find work waiting.

use chrono::{NaiveDate, NaiveDateTime};
use diesel::prelude::*;
use serde_json::json;

use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::{
    evaluation_assignments, evaluation_rounds, evaluation_scores, indicator_frameworks, nominations, selections,
};
use crate::domain::Role;
use crate::domain::evaluation::{
    AssignmentStatus, FrameworkStatus, NominationStatus, RoundStatus, SelectionKind, SelectionStatus, SubjectFilter,
    SubjectType,
};
use crate::evaluation::model::{FrameworkRow, RoundRow};
use crate::evaluation::tree::Tree;
use crate::evaluation::{panel, results, store, subjects};
use crate::history::StatusEventRow;

fn national(now: NaiveDateTime) -> Caller {
    Caller {
        role: Role::NationalAdmin,
        label: "seed".into(),
        name: crate::bootstrap::ADMIN_DISPLAY_NAME.into(),
        ..Caller::public(now)
    }
}

fn computed(code: &str, name: &str, weight: i64, metric: &str) -> serde_json::Value {
    json!({"code": code, "name": name, "weight": weight, "method": "computed", "metric": metric})
}

fn expert(code: &str, name: &str, weight: i64) -> serde_json::Value {
    json!({"code": code, "name": name, "weight": weight, "method": "expert", "rubric": [
        {"min": 0, "max": 59, "description": "制度缺失或执行不到位，项目材料不完整"},
        {"min": 60, "max": 79, "description": "制度基本健全，项目管理较规范"},
        {"min": 80, "max": 100, "description": "制度健全、信息公开及时，项目管理规范、成效可核验"}]})
}

fn framework(
    conn: &mut DbConn,
    caller: &Caller,
    name: &str,
    subject: SubjectType,
    tree: serde_json::Value,
) -> anyhow::Result<FrameworkRow> {
    let tree: Tree = serde_json::from_value(tree)?;
    let errors: Vec<String> =
        crate::evaluation::tree::check_nodes(&tree, subject).into_iter().map(|e| e.field).collect();
    anyhow::ensure!(errors.is_empty(), "the demo tree of {name}: {errors:?}");
    anyhow::ensure!(crate::evaluation::tree::check_complete(&tree).is_empty(), "the demo weights of {name}");
    let id = uuid::Uuid::now_v7().to_string();
    let row = FrameworkRow {
        id: id.clone(),
        name: name.into(),
        version: 1,
        lineage_id: id,
        subject_type: subject,
        status: FrameworkStatus::Active,
        description: "依据《社会组织助力乡村振兴专项行动方案》设置，计算指标取自平台数据，专家指标按评分标准打分。"
            .into(),
        tree: serde_json::to_string(&tree)?,
        revision: 1,
        created_at: caller.now,
        updated_at: caller.now,
    };
    diesel::insert_into(indicator_frameworks::table).values(&row).execute(conn)?;
    history(conn, store::FRAMEWORK, &row.id, &[("draft", None), ("active", Some("draft"))], caller.now)?;
    Ok(row)
}

fn history(
    conn: &mut DbConn,
    entity: &str,
    id: &str,
    moves: &[(&str, Option<&str>)],
    now: NaiveDateTime,
) -> anyhow::Result<()> {
    for (k, (to, from)) in moves.iter().enumerate() {
        let at = now - chrono::Duration::days(10 * (moves.len() - k) as i64);
        let row = StatusEventRow::new(entity, id, crate::bootstrap::ADMIN_DISPLAY_NAME, at, *from, to, "");
        diesel::insert_into(crate::db::schema::status_events::table).values(&row).execute(conn)?;
    }
    Ok(())
}

fn round(
    conn: &mut DbConn,
    caller: &Caller,
    name: &str,
    f: &FrameworkRow,
    filter: SubjectFilter,
) -> anyhow::Result<RoundRow> {
    let row = RoundRow {
        id: uuid::Uuid::now_v7().to_string(),
        name: name.into(),
        year: 2026,
        period_start: NaiveDate::from_ymd_opt(2026, 1, 1).expect("date"),
        period_end: NaiveDate::from_ymd_opt(2026, 12, 31).expect("date"),
        framework_id: f.id.clone(),
        subject_type: f.subject_type,
        subject_filter: filter,
        min_evaluators: 2,
        status: RoundStatus::Scoring,
        snapshot_at: None,
        snapshot_job_id: Some("seed".into()),
        ranked_at: None,
        ranking_job_id: None,
        public_top: 10,
        medians: "{}".into(),
        version: 1,
        created_at: caller.now,
        updated_at: caller.now,
    };
    diesel::insert_into(evaluation_rounds::table).values(&row).execute(conn)?;
    subjects::choose(conn, &row, &[])?;
    panel::propose(conn, caller, &row)?;
    subjects::snapshot(conn, &row.id, "seed", &|_, _| {})?;
    Ok(store::load_round(conn, &row.id)?.expect("the round"))
}

/// A deterministic score from 58 to 97 and its comment where one is required.
fn score(n: usize) -> (i64, &'static str) {
    let s = 58 + ((n * 37 + 11) % 40) as i64;
    (
        s,
        if (60..=90).contains(&s) {
            ""
        } else if s < 60 {
            "项目台账不完整，信息公开滞后"
        } else {
            "制度健全，项目材料翔实可核验"
        },
    )
}

pub fn evaluation(conn: &mut DbConn, now: NaiveDateTime) -> anyhow::Result<String> {
    let caller = national(now);
    let org_framework = framework(
        conn,
        &caller,
        "社会组织参与乡村振兴评估指标体系（2026 版）",
        SubjectType::Organization,
        json!({"dimensions": [
            {"code": "participation", "name": "参与度", "weight": 25, "indicators": [
                computed("key_counties", "结对重点帮扶县", 50, "key_counties_paired"),
                computed("pairings", "结对数", 50, "active_pairings")]},
            {"code": "input", "name": "投入", "weight": 20, "indicators": [computed("funds", "到位资金", 100, "funds_in_place")]},
            {"code": "effect", "name": "落地成效", "weight": 30, "indicators": [
                computed("landed", "期内落地项目", 40, "projects_landed"),
                computed("landed_ratio", "项目落地率", 30, "landed_ratio"),
                computed("reached", "受益人数", 30, "beneficiaries_reached")]},
            {"code": "sustainability", "name": "可持续性", "weight": 10, "indicators": [
                computed("tracked", "持续跟踪率", 50, "updated_recently_ratio"),
                computed("local_orgs", "培育本土社会组织", 25, "local_organizations_cultivated"),
                computed("volunteers", "培育志愿者", 25, "volunteers_cultivated")]},
            {"code": "governance", "name": "规范管理", "weight": 15, "indicators": [expert("conduct", "规范运作与信息公开", 100)]}
        ]}),
    )?;
    let brand_framework = framework(
        conn,
        &caller,
        "公益品牌评估指标体系（2026 版）",
        SubjectType::Brand,
        json!({"dimensions": [
            {"code": "reach", "name": "覆盖面", "weight": 40, "indicators": [
                computed("counties", "覆盖县数", 50, "counties_reached"),
                computed("key_counties", "覆盖重点帮扶县", 50, "key_counties_reached")]},
            {"code": "effect", "name": "成效", "weight": 30, "indicators": [
                computed("funds", "到位资金", 50, "funds_in_place"),
                computed("years", "品牌持续年数", 50, "years_active")]},
            {"code": "influence", "name": "社会影响", "weight": 30, "indicators": [expert("replicable", "品牌影响力与可复制性", 100)]}
        ]}),
    )?;

    // The organizations' round: every score in, closed and published.
    let mut org_round = round(conn, &caller, "2026 年度社会组织参与乡村振兴评估", &org_framework, SubjectFilter::All)?;
    let assignments: Vec<String> = evaluation_assignments::table
        .filter(evaluation_assignments::round_id.eq(&org_round.id))
        .order(evaluation_assignments::id)
        .select(evaluation_assignments::id)
        .load(conn)?;
    for (n, a) in assignments.iter().enumerate() {
        let (s, comment) = score(n);
        diesel::insert_into(evaluation_scores::table)
            .values((
                evaluation_scores::assignment_id.eq(a),
                evaluation_scores::indicator_code.eq("conduct"),
                evaluation_scores::score.eq(s),
                evaluation_scores::comment.eq(comment),
                evaluation_scores::updated_at.eq(now),
            ))
            .execute(conn)?;
    }
    diesel::update(evaluation_assignments::table.filter(evaluation_assignments::round_id.eq(&org_round.id)))
        .set((
            evaluation_assignments::status.eq(AssignmentStatus::Submitted),
            evaluation_assignments::submitted_at.eq(now),
        ))
        .execute(conn)?;
    // every sheet is in: nothing of this round waits for its experts
    crate::notifications::settle(
        conn,
        &[crate::notifications::NotificationKind::AssignmentToScore],
        &org_round.id,
        None,
        now,
    )?;
    org_round.status = RoundStatus::Closed;
    org_round.medians = results::compute(conn, &org_round, None)?.expect("not superseded");
    org_round.ranked_at = Some(now);
    org_round.status = RoundStatus::Published;
    org_round.version += 1;
    store::save_round(conn, &org_round, org_round.version - 1)?;
    history(
        conn,
        store::ROUND,
        &org_round.id,
        &[("draft", None), ("scoring", Some("draft")), ("closed", Some("scoring")), ("published", Some("closed"))],
        now,
    )?;

    // The brands' round: being scored.
    let brand_round = round(conn, &caller, "2026 年度公益品牌评估", &brand_framework, SubjectFilter::Recognized)?;
    history(conn, store::ROUND, &brand_round.id, &[("draft", None), ("scoring", Some("draft"))], now)?;

    // The selection of outstanding organizations from the published ranking: the top five
    // nominated, the top three selected.
    let selection = crate::selections::model::SelectionRow {
        id: uuid::Uuid::now_v7().to_string(),
        year: 2026,
        kind: SelectionKind::OutstandingOrganization,
        title: "2026 年度优秀社会组织".into(),
        evaluation_round_id: Some(org_round.id.clone()),
        status: SelectionStatus::Published,
        version: 1,
        created_at: now,
        updated_at: now,
    };
    diesel::insert_into(selections::table).values(&selection).execute(conn)?;
    history(
        conn,
        crate::selections::store::SELECTION,
        &selection.id,
        &[("nominating", None), ("reviewing", Some("nominating")), ("published", Some("reviewing"))],
        now,
    )?;
    let top: Vec<(String, String, Option<String>, Option<String>)> = crate::db::schema::evaluation_subjects::table
        .filter(crate::db::schema::evaluation_subjects::round_id.eq(&org_round.id))
        .order((crate::db::schema::evaluation_subjects::rank, crate::db::schema::evaluation_subjects::subject_id))
        .limit(5)
        .select((
            crate::db::schema::evaluation_subjects::subject_id,
            crate::db::schema::evaluation_subjects::name,
            crate::db::schema::evaluation_subjects::province_code,
            crate::db::schema::evaluation_subjects::organization_id,
        ))
        .load(conn)?;
    for (k, (id, name, province, org)) in top.iter().enumerate() {
        let selected = k < 3;
        diesel::insert_into(nominations::table)
            .values(&crate::selections::model::NominationRow {
                id: uuid::Uuid::now_v7().to_string(),
                selection_id: selection.id.clone(),
                subject_id: id.clone(),
                subject_name: name.clone(),
                province_code: province.clone().unwrap_or_default(),
                organization_id: org.clone().unwrap_or_default(),
                reason: "结对帮扶重点帮扶县成效突出，项目落地率高，持续跟踪到位".into(),
                nominated_by: crate::bootstrap::ADMIN_DISPLAY_NAME.into(),
                nominated_by_id: String::new(),
                status: if selected { NominationStatus::Selected } else { NominationStatus::NotSelected },
                decision_reason: if selected {
                    "评估排名靠前，事迹突出".into()
                } else {
                    "本年度名额外，鼓励继续参与".into()
                },
                version: 1,
                created_at: now,
                updated_at: now,
            })
            .execute(conn)?;
    }
    Ok(format!(
        "2 indicator frameworks, a published evaluation round of {} assignments and one being scored, a published selection",
        assignments.len()
    ))
}
