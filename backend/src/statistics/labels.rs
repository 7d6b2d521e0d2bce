//! The Chinese names of grouping-key values, for the exports' cells (the SPA names them from
//! its i18n files; a spreadsheet has no SPA): each vocabulary's own `zh`.

use super::tables::Fact;
use crate::domain::brand::{BrandLine, BrandStatus};
use crate::domain::incident::{IncidentKind, IncidentStatus, Severity};
use crate::domain::pairing::PairingStatus;
use crate::domain::project::ProjectStatus;
use crate::domain::training::{OrganizerLevel, TrainingMode, TrainingStatus};
use crate::domain::{AssistanceType, Channel, LegalForm, NeedStatus, OrgCategory, OrgStatus, Priority, RegistrationLevel};

fn named<T: std::str::FromStr>(value: &str, zh: fn(T) -> &'static str) -> Option<&'static str> {
    value.parse::<T>().ok().map(zh)
}

/// The name of `value` of grouping key `key` in `fact`, or the value itself (codes, years).
pub fn zh(fact: Fact, key: &str, value: &str) -> String {
    let name = match (fact, key) {
        (_, "assistance_type") => named(value, AssistanceType::zh),
        (_, "key_county" | "government_purchase") => Some(if value == "true" { "是" } else { "否" }),
        (_, "channel") => named(value, Channel::zh),
        (_, "registration_level") => named(value, RegistrationLevel::zh),
        (_, "legal_form") => named(value, LegalForm::zh),
        (_, "category") => named(value, OrgCategory::zh),
        (_, "priority") => named(value, Priority::zh),
        (_, "line") => named(value, BrandLine::zh),
        (_, "level") => named(value, OrganizerLevel::zh),
        (_, "mode") => named(value, TrainingMode::zh),
        (_, "kind") => named(value, IncidentKind::zh),
        (_, "severity") => named(value, Severity::zh),
        (Fact::Projects, "status") => named(value, ProjectStatus::zh),
        (Fact::Pairings | Fact::Cultivation, "status") => named(value, PairingStatus::zh),
        (Fact::Organizations, "status") => named(value, OrgStatus::zh),
        (Fact::Needs, "status") => named(value, NeedStatus::zh),
        (Fact::Brands, "status") => named(value, BrandStatus::zh),
        (Fact::Trainings, "status") => named(value, TrainingStatus::zh),
        (Fact::Incidents, "status") => named(value, IncidentStatus::zh),
        _ => None,
    };
    name.map(str::to_owned).unwrap_or_else(|| value.to_owned())
}
