//! Public-welfare brands (公益品牌) in the plan's three lines, each with the focus values the
//! plan names for it, and the brand's lifecycle: the owner applies, the province recommends,
//! the national liaison units recognize it and name demonstration brands (示范品牌).

use super::lifecycle::{Lifecycle, Move, Party};
use crate::text_enum;

text_enum!(
    /// The three lines of the plan (乡村发展 · 乡村建设 · 乡村治理).
    BrandLine {
        Development => "development",
        Construction => "construction",
        Governance => "governance",
    }
);

text_enum!(
    /// What a brand works on, each value belonging to one line (`BrandFocus::line`).
    BrandFocus {
        Industry => "industry",
        Employment => "employment",
        Consumption => "consumption",
        LivingEnvironment => "living_environment",
        PublicServices => "public_services",
        DigitalVillage => "digital_village",
        LeftBehindCare => "left_behind_care",
        DisputeMediation => "dispute_mediation",
        ElderlyCare => "elderly_care",
        CivilizedCustoms => "civilized_customs",
    }
);

impl BrandLine {
    pub fn zh(self) -> &'static str {
        match self {
            Self::Development => "乡村发展",
            Self::Construction => "乡村建设",
            Self::Governance => "乡村治理",
        }
    }
}

impl BrandFocus {
    /// The line the plan puts this focus in.
    pub fn line(self) -> BrandLine {
        use BrandFocus::*;
        match self {
            Industry | Employment | Consumption => BrandLine::Development,
            LivingEnvironment | PublicServices | DigitalVillage => BrandLine::Construction,
            LeftBehindCare | DisputeMediation | ElderlyCare | CivilizedCustoms => BrandLine::Governance,
        }
    }

    pub fn zh(self) -> &'static str {
        use BrandFocus::*;
        match self {
            Industry => "产业帮扶",
            Employment => "就业帮扶",
            Consumption => "消费帮扶",
            LivingEnvironment => "农村人居环境",
            PublicServices => "基本公共服务设施",
            DigitalVillage => "数字乡村",
            LeftBehindCare => "“三留守”人员巡访关爱",
            DisputeMediation => "矛盾调解",
            ElderlyCare => "农村养老服务",
            CivilizedCustoms => "文明乡风",
        }
    }
}

/// The focus values that do not belong to `line` (a wrong pair is refused naming `focus`).
pub fn foreign_focus(line: BrandLine, focus: &[BrandFocus]) -> Vec<BrandFocus> {
    focus.iter().copied().filter(|f| f.line() != line).collect()
}

text_enum!(
    BrandStatus {
        Draft => "draft",
        Applied => "applied",
        Recommended => "recommended",
        Recognized => "recognized",
        Demonstration => "demonstration",
        Returned => "returned",
        Revoked => "revoked",
    }
);

impl BrandStatus {
    /// Brands every signed-in role and the public showcase may read.
    pub const PUBLISHED: [BrandStatus; 2] = [Self::Recognized, Self::Demonstration];

    pub fn is_published(self) -> bool {
        Self::PUBLISHED.contains(&self)
    }

    /// The owner changes the brand only while it is its own draft.
    pub fn is_editable(self) -> bool {
        matches!(self, Self::Draft | Self::Returned)
    }

    pub fn zh(self) -> &'static str {
        match self {
            Self::Draft => "草稿",
            Self::Applied => "已申报",
            Self::Recommended => "省级已推荐",
            Self::Recognized => "已认定",
            Self::Demonstration => "示范品牌",
            Self::Returned => "已退回",
            Self::Revoked => "已撤销",
        }
    }
}

use BrandStatus::*;
use Party::*;

impl Lifecycle for BrandStatus {
    const NOUN: (&'static str, &'static str) = ("公益品牌", "brand");
    const MOVES: &'static [Move<Self>] = &[
        // The owner's members apply, and apply again once it was returned.
        Move { from: &[Draft, Returned], to: Applied, by: &[Organization], reason_required: false },
        // The owner's province recommends (the national admin for a national organization).
        Move { from: &[Applied], to: Recommended, by: &[Coordinator], reason_required: false },
        Move { from: &[Applied], to: Returned, by: &[Coordinator], reason_required: true },
        Move { from: &[Recommended], to: Recognized, by: &[National], reason_required: false },
        Move { from: &[Recommended], to: Returned, by: &[National], reason_required: true },
        Move { from: &[Recognized], to: Demonstration, by: &[National], reason_required: false },
        Move { from: &[Recognized, Demonstration], to: Revoked, by: &[National], reason_required: true },
    ];
    fn name(self) -> &'static str {
        self.as_str()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::lifecycle::{Refusal, allowed_for, check};

    #[test]
    fn every_focus_belongs_to_one_line() {
        assert!(
            foreign_focus(BrandLine::Governance, &[BrandFocus::ElderlyCare, BrandFocus::DisputeMediation]).is_empty()
        );
        assert_eq!(
            foreign_focus(BrandLine::Development, &[BrandFocus::Industry, BrandFocus::DigitalVillage]),
            vec![BrandFocus::DigitalVillage]
        );
    }

    #[test]
    fn the_owner_applies_the_province_recommends_the_nation_recognizes() {
        assert_eq!(check(Draft, Applied, &[Organization], ""), Ok(()));
        assert_eq!(check(Applied, Recommended, &[Organization], ""), Err(Refusal::NotYours));
        assert_eq!(check(Applied, Recommended, &[Coordinator], ""), Ok(()));
        assert_eq!(check(Recommended, Recognized, &[Coordinator], ""), Err(Refusal::NotYours));
        assert_eq!(check(Recommended, Returned, &[National], " "), Err(Refusal::ReasonRequired));
        assert!(matches!(check(Draft, Recognized, &[National], ""), Err(Refusal::Illegal { .. })));
        assert_eq!(allowed_for(Recognized, &[National]), vec![Demonstration, Revoked]);
        assert_eq!(allowed_for(Returned, &[Organization]), vec![Applied]);
    }
}
