//! One project as an IATI 2.03 `iati-activity` (https://iatistandard.org/en/iati-standard/203/),
//! in the element order the activity schema's sequence requires. The mappings the standard
//! leaves to the publisher are stated here, and in the contract's description:
//!
//! - identifier `CN-ZHUXIANG-<project id>`; reporting organisation `CN-ZHUXIANG`, type 10
//!   (government: the action's national liaison units run the platform);
//! - participating organisations: each organisation that accepted its part is implementing
//!   (role 4), the lead also funding (role 1); a government purchase adds the county's
//!   government as funding (role 1, type 10). Foundations are type 60, other social
//!   organisations type 24 (NGO based in the recipient country); `ref` is the unified social
//!   credit code;
//! - status: landed → 2 (implementation), completed → 3 (finalisation) — only published
//!   projects are open data; dates: actual start (type 2) at signing, else docking;
//! - recipient country CN; one `location` per project, `ref` `CN-GB2260-<county code>` (the GB/T
//!   2260 code: IATI has no vocabulary for it), the county's name and, when known, its point;
//! - sector, DAC 5-digit (vocabulary 1) from the assistance type: industry 31120 agricultural
//!   development, employment 16020 employment creation, education 11330 vocational training,
//!   health 12220 basic health care, elderly care 16010 social protection, consumption 32130
//!   SME development, other 43040 rural development;
//! - budget: the planned funds, original (type 1), committed (status 2), over the year from the
//!   start; transactions: each progress update that put funds in place, as a disbursement (type 3)
//!   on its date; result: an output (type 1) indicator of beneficiaries, target planned, actual
//!   reached. Currency CNY, amounts in yuan with two decimals.

use std::fmt::Write;

use chrono::NaiveDate;

use crate::domain::project::ProjectStatus;
use crate::domain::{AssistanceType, LegalForm, Money};

pub const REPORTING_ORG: &str = "CN-ZHUXIANG";

/// Text for element content and attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // characters XML 1.0 cannot carry at all
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

pub fn sector(t: AssistanceType) -> &'static str {
    match t {
        AssistanceType::Industry => "31120",
        AssistanceType::Employment => "16020",
        AssistanceType::Education => "11330",
        AssistanceType::Health => "12220",
        AssistanceType::ElderlyCare => "16010",
        AssistanceType::Consumption => "32130",
        AssistanceType::Other => "43040",
    }
}

fn status(s: ProjectStatus) -> &'static str {
    match s {
        ProjectStatus::Docking => "1",
        ProjectStatus::Signed | ProjectStatus::Landed => "2",
        ProjectStatus::Completed => "3",
        ProjectStatus::Cancelled => "5",
        ProjectStatus::Suspended => "6",
    }
}

fn organisation_type(form: LegalForm) -> &'static str {
    match form {
        LegalForm::Foundation => "60",
        LegalForm::SocialGroup | LegalForm::SocialServiceAgency => "24",
    }
}

pub struct Participant {
    pub name: String,
    pub credit_code: String,
    pub legal_form: LegalForm,
    pub lead: bool,
}

pub struct Place {
    pub code: String,
    pub name: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
}

pub struct Activity {
    pub id: String,
    pub title: String,
    pub description: String,
    pub status: ProjectStatus,
    pub assistance_type: AssistanceType,
    pub started: NaiveDate,
    pub updated: chrono::NaiveDateTime,
    pub planned_funds: Money,
    pub beneficiaries_planned: i64,
    pub beneficiaries_reached: i64,
    pub government_purchase: bool,
    pub participants: Vec<Participant>,
    pub place: Place,
    /// (date, funds put in place) of each progress update that put some in place.
    pub disbursements: Vec<(NaiveDate, Money)>,
}

fn narrative(out: &mut String, text: &str) {
    let _ = write!(out, "<narrative>{}</narrative>", escape(text));
}

/// The file's opening: one `iati-activities` for every activity that follows.
pub fn head(generated: chrono::NaiveDateTime) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<iati-activities version=\"2.03\" generated-datetime=\"{}\">\n",
        generated.format("%Y-%m-%dT%H:%M:%SZ")
    )
}

pub const TAIL: &str = "</iati-activities>\n";

pub fn activity(out: &mut String, a: &Activity) {
    let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
    let _ = write!(
        out,
        "<iati-activity last-updated-datetime=\"{}\" xml:lang=\"zh\" default-currency=\"CNY\" hierarchy=\"1\">",
        a.updated.format("%Y-%m-%dT%H:%M:%SZ")
    );
    let _ = write!(out, "<iati-identifier>{REPORTING_ORG}-{}</iati-identifier>", escape(&a.id));
    let _ = write!(out, "<reporting-org ref=\"{REPORTING_ORG}\" type=\"10\">");
    narrative(out, "社会组织助力乡村振兴专项行动");
    out.push_str("</reporting-org><title>");
    narrative(out, &a.title);
    out.push_str("</title>");
    // the schema requires a description: the project's own words, else what and where it is
    out.push_str("<description type=\"1\">");
    if a.description.trim().is_empty() {
        narrative(out, &format!("{}{}帮扶项目", a.place.name, a.assistance_type.zh()));
    } else {
        narrative(out, &a.description);
    }
    out.push_str("</description>");
    for p in a.participants.iter().filter(|p| p.lead) {
        let _ = write!(out, "<participating-org ref=\"{}\" type=\"{}\" role=\"1\">", escape(&p.credit_code), organisation_type(p.legal_form));
        narrative(out, &p.name);
        out.push_str("</participating-org>");
    }
    if a.government_purchase {
        out.push_str("<participating-org type=\"10\" role=\"1\">");
        narrative(out, &format!("{}人民政府", a.place.name));
        out.push_str("</participating-org>");
    }
    for p in &a.participants {
        let _ = write!(out, "<participating-org ref=\"{}\" type=\"{}\" role=\"4\">", escape(&p.credit_code), organisation_type(p.legal_form));
        narrative(out, &p.name);
        out.push_str("</participating-org>");
    }
    let _ = write!(out, "<activity-status code=\"{}\"/>", status(a.status));
    let _ = write!(out, "<activity-date iso-date=\"{}\" type=\"2\"/>", day(a.started));
    out.push_str("<recipient-country code=\"CN\" percentage=\"100\"/>");
    let _ = write!(out, "<location ref=\"CN-GB2260-{}\"><location-reach code=\"1\"/><name>", escape(&a.place.code));
    narrative(out, &a.place.name);
    out.push_str("</name>");
    if let (Some(lat), Some(lon)) = (a.place.latitude, a.place.longitude) {
        let _ = write!(out, "<point srsName=\"http://www.opengis.net/def/crs/EPSG/0/4326\"><pos>{lat:.5} {lon:.5}</pos></point><exactness code=\"2\"/>");
    }
    out.push_str("<location-class code=\"1\"/></location>");
    let _ = write!(out, "<sector vocabulary=\"1\" code=\"{}\" percentage=\"100\"/>", sector(a.assistance_type));
    // A budget period is at most a year long.
    let end = a.started.checked_add_signed(chrono::Duration::days(364)).unwrap_or(a.started);
    let _ = write!(
        out,
        "<budget type=\"1\" status=\"2\"><period-start iso-date=\"{0}\"/><period-end iso-date=\"{1}\"/><value currency=\"CNY\" value-date=\"{0}\">{2}</value></budget>",
        day(a.started),
        day(end),
        a.planned_funds
    );
    for (date, funds) in &a.disbursements {
        let _ = write!(
            out,
            "<transaction><transaction-type code=\"3\"/><transaction-date iso-date=\"{0}\"/><value currency=\"CNY\" value-date=\"{0}\">{1}</value></transaction>",
            day(*date),
            funds
        );
    }
    out.push_str("<result type=\"1\"><title>");
    narrative(out, "受益人数");
    out.push_str("</title><indicator measure=\"1\" ascending=\"1\"><title>");
    narrative(out, "受益人数（人）");
    let _ = write!(
        out,
        "</title><period><period-start iso-date=\"{}\"/><period-end iso-date=\"{}\"/><target value=\"{}\"/><actual value=\"{}\"/></period></indicator></result>",
        day(a.started),
        day(end.max(a.updated.date())),
        a.beneficiaries_planned,
        a.beneficiaries_reached
    );
    out.push_str("</iati-activity>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_control_characters_dropped() {
        assert_eq!(escape("A&B <c> \"d\" 'e'\u{1}"), "A&amp;B &lt;c&gt; &quot;d&quot; &apos;e&apos;");
    }

    #[test]
    fn every_assistance_type_has_a_five_digit_dac_sector() {
        for t in AssistanceType::ALL {
            assert_eq!(sector(*t).len(), 5);
        }
    }
}
