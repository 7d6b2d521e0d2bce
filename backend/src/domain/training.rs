//! Trainings (强化组织培训): 民政部 and 国家乡村振兴局 run national trainings, provinces and
//! counties their own, to build organizations' capacity; the organizations trained and their
//! head counts are recorded, and attendance confirmed once a training is held.

use super::lifecycle::{Lifecycle, Move, Party};
use crate::text_enum;

text_enum!(
    /// Who organizes it: the national liaison units, a province, or a county.
    OrganizerLevel {
        National => "national",
        Provincial => "provincial",
        County => "county",
    }
);

text_enum!(
    TrainingMode {
        Onsite => "onsite",
        Online => "online",
        Mixed => "mixed",
    }
);

text_enum!(
    TrainingStatus {
        Planned => "planned",
        Held => "held",
        Cancelled => "cancelled",
    }
);

impl OrganizerLevel {
    /// The Chinese names the exports show (`frontend/src/i18n/zh-CN.ts` has the same).
    pub fn zh(self) -> &'static str {
        match self {
            Self::National => "国家级",
            Self::Provincial => "省级",
            Self::County => "县级",
        }
    }
}

impl TrainingMode {
    pub fn zh(self) -> &'static str {
        match self {
            Self::Onsite => "线下",
            Self::Online => "线上",
            Self::Mixed => "线上线下结合",
        }
    }
}

impl TrainingStatus {
    pub fn zh(self) -> &'static str {
        match self {
            Self::Planned => "计划中",
            Self::Held => "已举办",
            Self::Cancelled => "已取消",
        }
    }
}

use TrainingStatus::*;

impl Lifecycle for TrainingStatus {
    const NOUN: (&'static str, &'static str) = ("培训", "training");
    const MOVES: &'static [Move<Self>] = &[
        // the organizer records that it took place (attendance is confirmed after it)
        Move { from: &[Planned], to: Held, by: &[Party::Coordinator], reason_required: false },
        Move { from: &[Planned], to: Cancelled, by: &[Party::Coordinator], reason_required: true },
    ];
    fn name(self) -> &'static str {
        self.as_str()
    }
}
