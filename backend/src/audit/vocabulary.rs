//! What the audit log's codes mean, in both languages: every entity type and action the service
//! records. The audit page labels and filters with it, and the export writes its Chinese; a test
//! below reads the sources so that no `audit::record` call uses a code missing here.

use serde::Serialize;
use utoipa::ToSchema;

/// A code and its labels.
#[derive(Serialize, ToSchema, Debug, Clone, Copy)]
pub struct Term {
    pub code: &'static str,
    pub zh: &'static str,
    pub en: &'static str,
}

const fn term(code: &'static str, zh: &'static str, en: &'static str) -> Term {
    Term { code, zh, en }
}

pub const ENTITY_TYPES: &[Term] = &[
    term("user", "用户", "User"),
    term("api_token", "API 令牌", "API token"),
    term("county", "县", "County"),
    term("key_county_list", "重点帮扶县名单", "Key-county list"),
    term("organization", "社会组织", "Organization"),
    term("offer", "资源供给", "Offer"),
    term("pairing", "结对帮扶", "Pairing"),
    term("need", "需求", "Need"),
    term("project", "项目", "Project"),
    term("campaign", "乡村行活动", "Rural tour"),
    term("docking_event", "对接活动", "Docking event"),
    term("brand", "公益品牌", "Brand"),
    term("case_collection", "案例征集", "Case collection"),
    term("case", "案例", "Case"),
];

pub const ACTIONS: &[Term] = &[
    term("user.create", "创建用户", "User created"),
    term("user.update", "修改用户", "User changed"),
    term("user.set_password", "重设密码", "Password set"),
    term("user.unlock", "解除登录锁定", "Login lockout cleared"),
    term("api_token.create", "签发 API 令牌", "API token issued"),
    term("api_token.revoke", "吊销 API 令牌", "API token revoked"),
    term("county.update", "修改县信息", "County changed"),
    term("county.key_county_import", "导入变更重点县标记", "Key-county flag imported"),
    term("key_county_import.apply", "应用重点县名单导入", "Key-county import applied"),
    term("organization.create", "登记社会组织", "Organization registered"),
    term("organization.update", "修改社会组织", "Organization changed"),
    term("organization.transition", "社会组织状态变更", "Organization status changed"),
    term("organization.credit_code_confirmed", "确认统一社会信用代码", "Credit code confirmed"),
    term("organization.import", "导入社会组织", "Organization imported"),
    term("offer.create", "发布资源供给", "Offer published"),
    term("offer.update", "修改资源供给", "Offer changed"),
    term("pairing.create", "发起结对", "Pairing proposed"),
    term("pairing.transition", "结对状态变更", "Pairing status changed"),
    term("cultivation.create", "填报培育成果", "Cultivation reported"),
    term("need.create", "提出需求", "Need raised"),
    term("need.update", "修改需求", "Need changed"),
    term("need.transition", "需求状态变更", "Need status changed"),
    term("need.invite", "邀请社会组织对接需求", "Organization invited to a need"),
    term("project.create", "创建对接项目", "Project docked"),
    term("project.update", "修改项目", "Project changed"),
    term("project.transition", "项目状态变更", "Project status changed"),
    term("project.consent", "社会组织答复项目邀请", "Organization answered a project"),
    term("project.progress", "报送项目进展", "Progress reported"),
    term("project.attachment.add", "上传项目佐证材料", "Project evidence added"),
    term("project.attachment.remove", "删除项目佐证材料", "Project evidence removed"),
    term("campaign.create", "创建乡村行活动", "Rural tour created"),
    term("docking_event.create", "添加对接活动", "Docking event added"),
    term("brand.create", "登记公益品牌", "Brand registered"),
    term("brand.update", "修改公益品牌", "Brand changed"),
    term("brand.transition", "公益品牌状态变更", "Brand status changed"),
    term("brand.attachment.add", "上传品牌佐证材料", "Brand evidence added"),
    term("brand.attachment.remove", "删除品牌佐证材料", "Brand evidence removed"),
    term("case_collection.create", "发起案例征集", "Case collection opened"),
    term("case_collection.update", "修改案例征集", "Case collection changed"),
    term("case_collection.transition", "案例征集状态变更", "Case collection status changed"),
    term("case.create", "撰写案例", "Case written"),
    term("case.update", "修改案例", "Case changed"),
    term("case.transition", "案例状态变更", "Case status changed"),
    term("case.attachment.add", "上传案例佐证材料", "Case evidence added"),
    term("case.attachment.remove", "删除案例佐证材料", "Case evidence removed"),
];

/// The Chinese label of a code, or the code itself when it is not (yet) known.
pub fn zh(terms: &[Term], code: &str) -> String {
    terms.iter().find(|t| t.code == code).map_or_else(|| code.to_owned(), |t| t.zh.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every literal action and entity type passed to `audit::record…(…)` in the sources.
    fn recorded_codes() -> Vec<(String, String, String)> {
        let mut found = vec![];
        let mut dirs = vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("src is readable").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                if path.ends_with("audit/vocabulary.rs") {
                    continue; // this file names the calls in its comments
                }
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                for (at, _) in text.match_indices("audit::record") {
                    let Some(open) = text[at..].find('(') else { continue };
                    let call: String = text[at + open..].chars().take(400).collect();
                    let literals: Vec<&str> = call.split('"').skip(1).step_by(2).collect();
                    // the action is the first literal with a dot, the entity type the literal after it
                    if let Some(i) = literals.iter().position(|l| l.contains('.') && !l.contains(' ')) {
                        let entity = literals.get(i + 1).copied().unwrap_or("").to_owned();
                        found.push((path.display().to_string(), literals[i].to_owned(), entity));
                    }
                }
            }
        }
        found
    }

    #[test]
    fn every_recorded_code_has_labels() {
        let known = |terms: &[Term], code: &str| terms.iter().any(|t| t.code == code);
        let found = recorded_codes();
        assert!(found.len() > 30, "the scan found only {} audit calls", found.len());
        for (file, action, entity) in found {
            assert!(known(ACTIONS, &action), "{file}: action {action} has no labels in audit/vocabulary.rs");
            assert!(known(ENTITY_TYPES, &entity), "{file}: entity type {entity} has no labels in audit/vocabulary.rs");
        }
        for holder in ["brand", "case", "project"] {
            for what in ["add", "remove"] {
                assert!(known(ACTIONS, &format!("{holder}.attachment.{what}")), "{holder} evidence actions");
            }
        }
    }
}
