//! The demo's year-end reports: last year's accepted reports of five provinces (so the board's
//! downloads have something to hold), and this year's at every stage — 四川's draft signed by its
//! 民政 officer and waiting for the 乡村振兴 demo account's signature, 云南's submitted, 贵州's
//! returned with a comment, 甘肃's accepted.

use chrono::{Duration, NaiveDateTime};
use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::{status_events, users, year_end_reports, year_end_signatures, year_end_versions};
use crate::domain::Department;
use crate::domain::year_end::ReportStatus;
use crate::history::StatusEventRow;
use crate::notifications::{Notice, NotificationKind, To};
use crate::year_end::model::{ReportRow, Sections, Signature, SignatureRow, VersionRow};
use crate::year_end::store::ENTITY;

/// The narrative every demo report starts from, with the province's name in it.
fn narrative(province: &str) -> Sections {
    Sections {
        work: format!(
            "<p>{province}认真贯彻《社会组织助力乡村振兴专项行动方案》，乡村振兴部门与民政部门联合部署，组织省内社会组织与国家乡村振兴重点帮扶县开展结对帮扶。</p>"
        ),
        results: "<p>结对关系全面建立，产业、就业、教育、健康、养老、消费帮扶项目陆续落地。</p><ul><li>重点帮扶县结对全覆盖</li><li>项目落地率稳步提高</li></ul>".into(),
        practices: "<p>推行“社会组织＋合作社＋农户”模式，以消费帮扶带动特色农产品销售。</p>".into(),
        problems: "<p>部分项目进展填报不及时，资金到位与计划存在差距。</p>".into(),
        next_steps: "<p>加强项目跟踪与风险防范，培育本土社会组织，擦亮公益品牌。</p>".into(),
    }
}

const RETURN_REASON: &str = "主要成效缺少数据支撑";

/// (province code, name, year, status)
const REPORTS: [(&str, &str, i64, ReportStatus); 9] = [
    ("510000", "四川省", -1, ReportStatus::Accepted),
    ("530000", "云南省", -1, ReportStatus::Accepted),
    ("520000", "贵州省", -1, ReportStatus::Accepted),
    ("620000", "甘肃省", -1, ReportStatus::Accepted),
    ("450000", "广西壮族自治区", -1, ReportStatus::Accepted),
    ("510000", "四川省", 0, ReportStatus::Draft),
    ("530000", "云南省", 0, ReportStatus::Submitted),
    ("520000", "贵州省", 0, ReportStatus::Returned),
    ("620000", "甘肃省", 0, ReportStatus::Accepted),
];

/// A signature to be given its report; `user` is the signer's account (`demo` for provinces
/// without demo accounts).
fn signature(user: &str, department: Department, name: String, at: NaiveDateTime) -> SignatureRow {
    SignatureRow { report_id: String::new(), department, user_id: user.into(), signer_name: name, signed_at: at }
}

/// Writes the demo reports; returns how many.
pub fn reports(conn: &mut DbConn, now: NaiveDateTime) -> anyhow::Result<usize> {
    let this_year = i64::from(chrono::Datelike::year(&crate::clock::in_china(now)));
    let national = crate::bootstrap::ADMIN_DISPLAY_NAME;
    for (n, (code, name, offset, status)) in REPORTS.iter().enumerate() {
        let year = this_year + offset;
        // last year's were written in December and in on time; this year's in the last weeks
        let created = if *offset < 0 {
            chrono::NaiveDate::from_ymd_opt(year as i32, 12, 1)
                .unwrap_or_default()
                .and_hms_opt(2, 0, 0)
                .unwrap_or_default()
                + Duration::hours(n as i64)
        } else {
            now - Duration::days(40 - n as i64)
        };
        let signed_at = created + Duration::days(5);
        let submitted_at = created + Duration::days(6);
        let reviewed = submitted_at + Duration::days(3);
        let sections = narrative(name);
        let sent = *status != ReportStatus::Draft;
        let figures = crate::year_end::figures::live(conn, code, year)?;
        let (rural, civil) = (format!("{name}乡村振兴局"), format!("{name}民政厅"));
        let civil_id: Option<String> = if *code == "510000" {
            users::table.filter(users::username.eq("sc-civil")).select(users::id).first(conn).optional()?
        } else {
            None
        };
        let mut signatures =
            vec![signature(civil_id.as_deref().unwrap_or("demo"), Department::CivilAffairs, civil.clone(), signed_at)];
        if sent {
            signatures.push(signature("demo", Department::RuralRevitalization, rural.clone(), signed_at));
        }
        let row = ReportRow {
            id: uuid::Uuid::now_v7().to_string(),
            province_code: (*code).into(),
            year,
            status: *status,
            sections: serde_json::to_string(&sections)?,
            figures: if sent { Some(serde_json::to_string(&figures)?) } else { None },
            return_comments: (*status == ReportStatus::Returned)
                .then(|| r#"{"results":"请补充项目落地和受益人数的具体数据。"}"#.to_owned()),
            submitted_at: sent.then_some(submitted_at),
            accepted_at: (*status == ReportStatus::Accepted).then_some(reviewed),
            created_by: "demo".into(),
            version: 3,
            created_at: created,
            updated_at: match status {
                ReportStatus::Draft => signed_at,
                ReportStatus::Submitted => submitted_at,
                _ => reviewed,
            },
        };
        diesel::insert_into(year_end_reports::table).values(&row).execute(conn)?;
        let signatures: Vec<SignatureRow> =
            signatures.into_iter().map(|s| SignatureRow { report_id: row.id.clone(), ..s }).collect();
        crate::batch_insert!(conn, year_end_signatures::table, &signatures)?;
        let mut events = vec![StatusEventRow::new(ENTITY, &row.id, &rural, created, None, "draft", "")];
        if sent {
            events.push(StatusEventRow::new(ENTITY, &row.id, &rural, submitted_at, Some("draft"), "submitted", ""));
            let shown: Vec<Signature> = signatures.iter().cloned().map(Signature::from).collect();
            let version = VersionRow {
                report_id: row.id.clone(),
                number: 1,
                sections: row.sections.clone(),
                figures: serde_json::to_string(&figures)?,
                signatures: serde_json::to_string(&shown)?,
                submitted_by: rural.clone(),
                submitted_at,
                outcome: matches!(status, ReportStatus::Returned | ReportStatus::Accepted).then_some(*status),
                review_reason: (*status == ReportStatus::Returned).then(|| RETURN_REASON.to_owned()),
                review_comments: row.return_comments.clone(),
                reviewed_by: matches!(status, ReportStatus::Returned | ReportStatus::Accepted)
                    .then(|| national.to_owned()),
                reviewed_at: matches!(status, ReportStatus::Returned | ReportStatus::Accepted).then_some(reviewed),
            };
            diesel::insert_into(year_end_versions::table).values(&version).execute(conn)?;
        }
        match status {
            ReportStatus::Accepted => {
                events.push(StatusEventRow::new(ENTITY, &row.id, national, reviewed, Some("submitted"), "accepted", ""))
            }
            ReportStatus::Returned => events.push(StatusEventRow::new(
                ENTITY,
                &row.id,
                national,
                reviewed,
                Some("submitted"),
                "returned",
                "主要成效缺少数据支撑",
            )),
            _ => {}
        }
        crate::batch_insert!(conn, status_events::table, &events)?;
        // 四川's draft waits for its 乡村振兴 officer's signature: the demo account is told
        if *status == ReportStatus::Draft && *code == "510000" {
            let subject = format!("{name} {year} 年度报告");
            let notice = Notice::new(NotificationKind::ReportToSign, ENTITY, &row.id, &subject);
            let seed = crate::auth::Caller { label: "seed".into(), ..crate::auth::Caller::public(now) };
            crate::notifications::notify(
                conn,
                &seed,
                To::ProvincialDepartment(code, Department::RuralRevitalization),
                notice,
            )?;
        }
    }
    Ok(REPORTS.len())
}
