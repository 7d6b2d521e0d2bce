//! What each submission said: a snapshot of the sections, figures and signatures taken when the
//! report is submitted, and the changes from one submission to the next, so the nation sees
//! what a province changed after a return or a reopening.

use diesel::prelude::*;

use std::collections::BTreeMap;

use super::model::{Change, Figure, ReportRow, ReportVersion, Review, Sections, Signature, VersionRow};
use super::store;
use crate::auth::Caller;
use crate::db::DbConn;
use crate::db::schema::year_end_versions;
use crate::domain::year_end::Section;
use crate::error::{ApiError, ApiResult};

/// Records the report as it is submitted now, as the next version.
pub fn snapshot(conn: &mut DbConn, caller: &Caller, row: &ReportRow, figures: &[Figure], signatures: &[Signature]) -> ApiResult<i64> {
    let last: Option<i64> = year_end_versions::table
        .filter(year_end_versions::report_id.eq(&row.id))
        .select(diesel::dsl::max(year_end_versions::number))
        .first(conn)?;
    let number = last.unwrap_or(0) + 1;
    let version = VersionRow {
        report_id: row.id.clone(),
        number,
        sections: row.sections.clone(),
        figures: store::to_json(&figures)?,
        signatures: store::to_json(&signatures)?,
        submitted_by: caller.name.clone(),
        submitted_at: caller.now,
        outcome: None,
        review_reason: None,
        review_comments: None,
        reviewed_by: None,
        reviewed_at: None,
    };
    diesel::insert_into(year_end_versions::table).values(&version).execute(conn)?;
    Ok(number)
}

/// Records the nation's answer (`returned` with its reason and comments, or `accepted`) on the
/// version it answers: the latest.
pub fn review(conn: &mut DbConn, caller: &Caller, row: &ReportRow, reason: &str, comments: &BTreeMap<Section, String>) -> ApiResult<()> {
    let latest: Option<i64> = year_end_versions::table
        .filter(year_end_versions::report_id.eq(&row.id))
        .select(diesel::dsl::max(year_end_versions::number))
        .first(conn)?;
    let Some(number) = latest else { return Ok(()) };
    diesel::update(year_end_versions::table.find((&row.id, number)))
        .set((
            year_end_versions::outcome.eq(Some(row.status)),
            year_end_versions::review_reason.eq(Some(reason.trim())),
            year_end_versions::review_comments.eq(Some(store::to_json(comments)?)),
            year_end_versions::reviewed_by.eq(Some(&caller.name)),
            year_end_versions::reviewed_at.eq(Some(caller.now)),
        ))
        .execute(conn)?;
    Ok(())
}

fn parse<T: serde::de::DeserializeOwned>(json: &str) -> ApiResult<T> {
    serde_json::from_str(json).map_err(|e| ApiError::Internal(anyhow::anyhow!("a stored report version: {e}")))
}

/// Every version of the report, newest first, each with its changes from the one before.
pub fn list(conn: &mut DbConn, report_id: &str) -> ApiResult<Vec<ReportVersion>> {
    let rows: Vec<VersionRow> = year_end_versions::table
        .filter(year_end_versions::report_id.eq(report_id))
        .order(year_end_versions::number.asc())
        .select(VersionRow::as_select())
        .load(conn)?;
    let mut out: Vec<ReportVersion> = Vec::with_capacity(rows.len());
    for r in rows {
        let sections: Sections = parse(&r.sections)?;
        let figures: Vec<Figure> = parse(&r.figures)?;
        let changes = match out.last() {
            Some(before) => changes(&before.sections, &before.figures, &sections, &figures),
            None => vec![],
        };
        out.push(ReportVersion {
            number: r.number,
            submitted_by: r.submitted_by,
            submitted_at: r.submitted_at.and_utc(),
            sections,
            figures,
            signatures: parse(&r.signatures)?,
            changes,
            review: match (r.outcome, r.reviewed_by, r.reviewed_at) {
                (Some(outcome), Some(reviewed_by), Some(at)) => Some(Review {
                    outcome,
                    reason: r.review_reason.unwrap_or_default(),
                    comments: r.review_comments.as_deref().and_then(|c| serde_json::from_str(c).ok()).unwrap_or_default(),
                    reviewed_by,
                    reviewed_at: at.and_utc(),
                }),
                _ => None,
            },
        });
    }
    out.reverse();
    Ok(out)
}

/// The sections and figures that differ, sections first in reading order.
pub fn changes(before: &Sections, before_figures: &[Figure], after: &Sections, after_figures: &[Figure]) -> Vec<Change> {
    let mut out = vec![];
    for s in Section::ALL {
        let (b, a) = (before.get(*s), after.get(*s));
        if b != a {
            out.push(Change {
                field: format!("sections.{}", s.as_str()),
                label_zh: s.zh().to_owned(),
                before: Some(b.to_owned()),
                after: Some(a.to_owned()),
            });
        }
    }
    for f in after_figures {
        let old = before_figures.iter().find(|o| o.key == f.key);
        if old.map(|o| &o.value) != Some(&f.value) {
            out.push(Change {
                field: format!("figures.{}", f.key),
                label_zh: f.label_zh.clone(),
                before: old.map(|o| o.value.clone()),
                after: Some(f.value.clone()),
            });
        }
    }
    for o in before_figures.iter().filter(|o| !after_figures.iter().any(|f| f.key == o.key)) {
        out.push(Change { field: format!("figures.{}", o.key), label_zh: o.label_zh.clone(), before: Some(o.value.clone()), after: None });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn figure(key: &str, value: &str) -> Figure {
        Figure { key: key.into(), label_zh: key.into(), label_en: key.into(), kind: "count".into(), value: value.into() }
    }

    #[test]
    fn changes_name_the_sections_and_figures_that_differ() {
        let before = Sections { work: "<p>甲</p>".into(), ..Sections::default() };
        let after = Sections { work: "<p>甲</p>".into(), results: "<p>成效</p>".into(), ..Sections::default() };
        let c = changes(&before, &[figure("pairings", "3"), figure("gone", "1")], &after, &[figure("pairings", "4"), figure("new", "2")]);
        let fields: Vec<&str> = c.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["sections.results", "figures.pairings", "figures.new", "figures.gone"]);
        assert_eq!(c[1].before.as_deref(), Some("3"));
        assert_eq!(c[2].before, None);
        assert_eq!(c[3].after, None);
    }
}
