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
    term("webhook", "Webhook 订阅", "webhook subscription"),
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
    term("incident", "事件", "Incident"),
    term("training", "培训", "Training"),
    term("year_end_report", "年度报告", "Year-end report"),
    term("year_end_deadline", "年度报告截止日期", "Year-end report deadline"),
    term("indicator_framework", "评估指标体系", "Indicator framework"),
    term("evaluation_round", "评估轮次", "Evaluation round"),
    term("evaluation_assignment", "评审任务", "Evaluation assignment"),
    term("selection", "选树", "Selection"),
    term("nomination", "推荐对象", "Nomination"),
];

pub const ACTIONS: &[Term] = &[
    term("user.create", "创建用户", "User created"),
    term("user.update", "修改用户", "User changed"),
    term("user.set_password", "重设密码", "Password set"),
    term("user.unlock", "解除登录锁定", "Login lockout cleared"),
    term("api_token.create", "签发 API 令牌", "API token issued"),
    term("api_token.revoke", "吊销 API 令牌", "API token revoked"),
    term("webhook.create", "新建 Webhook 订阅", "webhook subscribed"),
    term("webhook.update", "修改 Webhook 订阅", "webhook changed"),
    term("webhook.delete", "删除 Webhook 订阅", "webhook deleted"),
    term("webhook.redeliver", "重新投递 Webhook 事件", "webhook delivery sent again"),
    term("webhook.ping", "发送 Webhook 测试事件", "webhook test event sent"),
    term("webhook.disable", "自动停用 Webhook 订阅", "webhook disabled by the platform"),
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
    term("year_end_report.create", "创建年度报告", "Year-end report started"),
    term("year_end_report.update", "修改年度报告", "Year-end report changed"),
    term("year_end_report.sign", "签署年度报告", "Year-end report signed"),
    term("year_end_report.transition", "年度报告状态变更", "Year-end report status changed"),
    term("year_end_report.remind", "催报年度报告", "Year-end reports reminded"),
    term("year_end_report.attachment.add", "上传年度报告附件", "Year-end report attachment added"),
    term("year_end_report.attachment.remove", "删除年度报告附件", "Year-end report attachment removed"),
    term("year_end_deadline.set", "设置年度报告截止日期", "Year-end report deadline set"),
    term("incident.create", "报告事件", "Incident reported"),
    term("incident.update", "修改事件", "Incident changed"),
    term("incident.transition", "事件状态变更", "Incident status changed"),
    term("incident.action", "记录事件处置", "Incident handling step recorded"),
    term("training.create", "计划培训", "Training planned"),
    term("training.update", "修改培训", "Training changed"),
    term("training.transition", "培训状态变更", "Training status changed"),
    term("training.participant", "登记参训组织", "Training participant recorded"),
    term("training.participant_import", "导入参训组织", "Training participants imported"),
    term("indicator_framework.create", "创建评估指标体系", "Indicator framework created"),
    term("indicator_framework.update", "修改评估指标体系", "Indicator framework changed"),
    term("indicator_framework.transition", "评估指标体系状态变更", "Indicator framework status changed"),
    term("indicator_framework.copy", "复制评估指标体系为新版本", "Indicator framework copied to a new version"),
    term("evaluation_round.create", "创建评估轮次", "Evaluation round created"),
    term("evaluation_round.update", "修改评估轮次", "Evaluation round changed"),
    term("evaluation_round.transition", "评估轮次状态变更", "Evaluation round status changed"),
    term("evaluation_round.snapshot", "重新快照计算指标", "Computed indicators snapshotted again"),
    term("evaluation_round.assign", "分配评审专家", "Experts assigned"),
    term("evaluation_assignment.score", "专家评分", "Scores saved"),
    term("evaluation_assignment.transition", "评审任务状态变更", "Assignment status changed"),
    term("evaluator.ties", "专家申报关联关系", "Expert declared ties"),
    term("selection.create", "发起选树", "Selection opened"),
    term("selection.update", "修改选树", "Selection changed"),
    term("selection.transition", "选树状态变更", "Selection status changed"),
    term("nomination.create", "推荐选树对象", "Nominee put forward"),
    term("nomination.transition", "推荐对象状态变更", "Nomination status changed"),
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
