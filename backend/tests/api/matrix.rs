//! The authorization matrix, generated from the contract: every operation of
//! `openapi/openapi.json` × every role (and anonymous, and an API token) × an object in the
//! caller's scope and one outside it, against one table of expected statuses below. An operation
//! in the contract without a row fails the test by name, so every new endpoint family is guarded
//! from its first commit. Every answer must also be a status the contract declares for it.
//!
//! Scope: 四川 510000 is "in" (the provincial officer's province, 昭觉 513431 the county officer's
//! county, organization A the member's organization); 云南 530000 (会泽 530326, organization B)
//! is "out". Objects are made through the API once; writes either leave their object as it was
//! (a merge patch with the current values, a move refused by the lifecycle) or work on objects
//! made for the call (a token to revoke, an organization to pair), so the order of rows does not
//! matter. `MATRIX_PRINT=1` prints the observed table in the table's own format.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicU32, Ordering};

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{ADMIN_PASSWORD, PASSWORD, TestApp, credit_code};

const ZHAOJUE: &str = "513431";
const HUIZE: &str = "530326";

/// The callers, in the order of the table's columns.
const ROLES: [&str; 8] = [
    "national_admin",
    "provincial_officer",
    "county_officer",
    "org_member",
    "evaluator",
    "viewer",
    "anonymous",
    "api_token",
];

/// operationId → the expected status for each caller of `ROLES`, as `in/out` (in scope / out of
/// scope). The API token is a provincial officer's of 四川.
#[rustfmt::skip]
const EXPECTED: &[(&str, [&str; 8])] = &[
    //                              admin      province   county     org        evaluator  viewer     anonymous  api token
    ("createBrand",               ["201/201", "201/403", "403/403", "201/403", "403/403", "403/403", "401/401", "201/403"]),
    ("createBrandAttachment",     ["201/201", "201/404", "404/404", "201/404", "404/404", "404/404", "401/401", "201/404"]),
    ("createCase",                ["201/201", "201/403", "403/403", "201/403", "403/403", "403/403", "401/401", "201/403"]),
    ("createCaseAttachment",      ["201/201", "201/404", "404/404", "201/404", "404/404", "404/404", "401/401", "201/404"]),
    ("createCaseCollection",      ["201/201", "403/403", "403/403", "403/403", "403/403", "403/403", "401/401", "403/403"]),
    ("deleteBrandAttachment",     ["204/204", "204/404", "404/404", "204/404", "404/404", "404/404", "401/401", "204/404"]),
    ("deleteCaseAttachment",      ["204/204", "204/404", "404/404", "204/404", "404/404", "404/404", "401/401", "204/404"]),
    ("exportBrands",              ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("exportCases",               ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("getBrand",                  ["200/200", "200/404", "404/404", "200/404", "404/404", "404/404", "401/401", "200/404"]),
    ("getBrandAttachment",        ["200/200", "200/404", "404/404", "200/404", "404/404", "404/404", "401/401", "200/404"]),
    ("getCase",                   ["200/200", "200/404", "404/404", "200/404", "404/404", "404/404", "401/401", "200/404"]),
    ("getCaseAttachment",         ["200/200", "200/404", "404/404", "200/404", "404/404", "404/404", "401/401", "200/404"]),
    ("getCaseCollection",         ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("getPublicAttachment",       ["200/404", "200/404", "200/404", "200/404", "200/404", "200/404", "200/404", "200/404"]),
    ("getProjectRollup",          ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("getProjectSeries",          ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("exportProjectRollup",       ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("getStatisticsTable",        ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("exportStatisticsTable",     ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("getIatiActivities",         ["200/404", "200/404", "200/404", "200/404", "200/404", "200/404", "200/404", "200/404"]),
    ("exportNeeds",               ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("exportPairings",            ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("getPublicStatistics",       ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "200/200"]),
    ("getShowcase",               ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "200/200"]),
    ("listBrandAttachments",      ["200/200", "200/404", "404/404", "200/404", "404/404", "404/404", "401/401", "200/404"]),
    ("listBrandProjects",         ["200/200", "200/404", "404/404", "200/404", "404/404", "404/404", "401/401", "200/404"]),
    ("listBrands",                ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("listCaseAttachments",       ["200/200", "200/404", "404/404", "200/404", "404/404", "404/404", "401/401", "200/404"]),
    ("listCaseCollections",       ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("listCases",                 ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("transitionBrand",           ["409/409", "409/404", "404/404", "409/404", "404/404", "404/404", "401/401", "409/404"]),
    ("transitionCase",            ["409/409", "409/404", "404/404", "409/404", "404/404", "404/404", "401/401", "409/404"]),
    ("transitionCaseCollection",  ["409/409", "403/403", "403/403", "403/403", "403/403", "403/403", "401/401", "403/403"]),
    ("updateBrand",               ["200/200", "200/404", "404/404", "200/404", "404/404", "404/404", "401/401", "200/404"]),
    ("updateCase",                ["200/200", "200/404", "404/404", "200/404", "404/404", "404/404", "401/401", "200/404"]),
    ("updateCaseCollection",      ["200/200", "403/403", "403/403", "403/403", "403/403", "403/403", "401/401", "403/403"]),
    ("answerProjectInvitation",   ["409/403", "409/404", "409/404", "409/404", "404/404", "404/404", "401/401", "409/404"]),
    ("confirmCreditCode",         ["409/409", "403/403", "403/403", "403/403", "403/403", "403/403", "401/401", "403/403"]),
    ("createApiToken",            ["201/201", "201/403", "403/403", "403/403", "403/403", "403/403", "401/401", "403/403"]),
    ("createCampaign",            ["201/201", "403/403", "403/403", "403/403", "403/403", "403/403", "401/401", "403/403"]),
    ("createCultivation",         ["201/201", "201/404", "403/404", "201/404", "404/404", "404/404", "401/401", "201/404"]),
    ("createDockingEvent",        ["201/201", "201/403", "403/403", "403/403", "403/403", "403/403", "401/401", "201/403"]),
    ("createNeed",                ["201/201", "201/403", "201/403", "403/403", "403/403", "403/403", "401/401", "201/403"]),
    ("createOffer",               ["201/201", "201/403", "403/403", "201/403", "403/403", "403/403", "401/401", "201/403"]),
    ("createOrganization",        ["201/201", "201/403", "403/403", "403/403", "403/403", "403/403", "401/401", "201/403"]),
    ("createPairing",             ["201/201", "201/403", "201/403", "403/403", "403/403", "403/403", "401/401", "201/403"]),
    ("createProject",             ["201/201", "201/403", "201/403", "201/403", "403/403", "403/403", "401/401", "201/403"]),
    ("createProjectUpdate",       ["201/201", "201/404", "201/404", "201/404", "404/404", "404/404", "401/401", "201/404"]),
    ("createUser",                ["201/201", "201/403", "403/403", "403/403", "403/403", "403/403", "401/401", "201/403"]),
    ("exportOrganizations",       ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("exportProjects",            ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("getApiToken",               ["200/200", "200/404", "403/403", "403/403", "403/403", "403/403", "401/401", "200/404"]),
    ("getCampaign",               ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("getCampaignFunnel",         ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("getCounty",                 ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("getCoverage",               ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("getJob",                    ["200/200", "200/404", "404/404", "404/404", "404/404", "404/404", "401/401", "404/404"]),
    ("getJobFile",                ["200/200", "200/404", "404/404", "404/404", "404/404", "404/404", "401/401", "404/404"]),
    ("getKeyCountySummary",       ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("getMe",                     ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "404/404"]),
    ("getNeed",                   ["200/200", "200/404", "200/404", "200/200", "200/200", "200/200", "401/401", "200/404"]),
    ("getOffer",                  ["200/200", "200/200", "200/200", "200/404", "404/404", "404/404", "401/401", "200/200"]),
    ("getOrganization",           ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("getPairing",                ["200/200", "200/404", "200/404", "200/404", "404/404", "404/404", "401/401", "200/404"]),
    ("getProject",                ["200/200", "200/404", "200/404", "200/404", "404/404", "404/404", "401/401", "200/404"]),
    ("getProvince",               ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("getUser",                   ["200/200", "200/404", "403/403", "403/403", "403/403", "403/403", "401/401", "200/404"]),
    ("importKeyCounties",         ["200/200", "403/403", "403/403", "403/403", "403/403", "403/403", "401/401", "403/403"]),
    ("importOrganizations",       ["202/202", "202/202", "403/403", "403/403", "403/403", "403/403", "401/401", "202/202"]),
    ("inviteForNeed",             ["201/201", "201/404", "201/404", "403/403", "403/403", "403/403", "401/401", "201/404"]),
    ("listApiTokens",             ["200/200", "200/200", "403/403", "403/403", "403/403", "403/403", "401/401", "200/200"]),
    ("listAuditEvents",           ["200/200", "403/403", "403/403", "403/403", "403/403", "403/403", "401/401", "403/403"]),
    ("listCampaigns",             ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("listCounties",              ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("listCultivation",           ["200/200", "200/404", "200/404", "200/404", "404/404", "404/404", "401/401", "200/404"]),
    ("listDockingEvents",         ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("listEastWestPairs",         ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("listMatchingNeeds",         ["200/200", "200/200", "200/200", "200/404", "404/404", "404/404", "401/401", "200/200"]),
    ("listNeedMatches",           ["200/200", "200/404", "200/404", "200/200", "200/200", "200/200", "401/401", "200/404"]),
    ("listNeeds",                 ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("listOffers",                ["200/200", "200/200", "200/200", "200/404", "404/404", "404/404", "401/401", "200/200"]),
    ("listOrganizations",         ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("listPairings",              ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("listProjectUpdates",        ["200/200", "200/404", "200/404", "200/404", "404/404", "404/404", "401/401", "200/404"]),
    ("listProjects",              ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("listProvinces",             ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("listUsers",                 ["200/200", "200/200", "403/403", "403/403", "403/403", "403/403", "401/401", "200/200"]),
    ("login",                     ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "200/200"]),
    ("logout",                    ["204/204", "204/204", "204/204", "204/204", "204/204", "204/204", "204/204", "204/204"]),
    ("refreshSession",            ["401/401", "401/401", "401/401", "401/401", "401/401", "401/401", "401/401", "401/401"]),
    ("revokeApiToken",            ["204/204", "204/404", "403/403", "403/403", "403/403", "403/403", "401/401", "204/404"]),
    ("listWebhooks",              ["200/200", "200/200", "403/403", "403/403", "403/403", "403/403", "401/401", "200/200"]),
    ("createWebhook",             ["201/201", "201/403", "403/403", "403/403", "403/403", "403/403", "401/401", "403/403"]),
    ("getWebhook",                ["200/200", "200/404", "403/403", "403/403", "403/403", "403/403", "401/401", "200/404"]),
    ("patchWebhook",              ["200/200", "200/404", "403/403", "403/403", "403/403", "403/403", "401/401", "403/403"]),
    ("deleteWebhook",             ["204/204", "204/404", "403/403", "403/403", "403/403", "403/403", "401/401", "403/403"]),
    ("listWebhookDeliveries",     ["200/200", "200/404", "403/403", "403/403", "403/403", "403/403", "401/401", "200/404"]),
    ("redeliverWebhookDelivery",  ["201/201", "201/404", "403/403", "403/403", "403/403", "403/403", "401/401", "403/403"]),
    ("pingWebhook",               ["201/201", "201/404", "403/403", "403/403", "403/403", "403/403", "401/401", "403/403"]),
    ("transitionNeed",            ["409/409", "409/404", "409/404", "403/403", "403/403", "403/403", "401/401", "409/404"]),
    ("transitionOrganization",    ["409/409", "409/403", "403/403", "403/403", "403/403", "403/403", "401/401", "409/403"]),
    ("transitionPairing",         ["409/409", "409/404", "409/404", "409/404", "404/404", "404/404", "401/401", "409/404"]),
    ("transitionProject",         ["409/409", "409/404", "409/404", "409/404", "404/404", "404/404", "401/401", "409/404"]),
    ("updateCounty",              ["200/200", "403/403", "403/403", "403/403", "403/403", "403/403", "401/401", "403/403"]),
    ("updateNeed",                ["200/200", "200/404", "200/404", "403/403", "403/403", "403/403", "401/401", "200/404"]),
    ("updateOffer",               ["200/200", "200/403", "403/403", "200/404", "404/404", "404/404", "401/401", "200/403"]),
    ("updateOrganization",        ["200/200", "200/403", "403/403", "200/403", "403/403", "403/403", "401/401", "200/403"]),
    ("updateProject",             ["200/200", "200/404", "200/404", "200/404", "404/404", "404/404", "401/401", "200/404"]),
    ("updateUser",                ["200/200", "200/404", "403/403", "403/403", "403/403", "403/403", "401/401", "200/404"]),
    ("clearUserLockout",          ["204/204", "204/404", "403/403", "403/403", "403/403", "403/403", "401/401", "204/404"]),
    ("exportAuditEvents",         ["200/200", "403/403", "403/403", "403/403", "403/403", "403/403", "401/401", "403/403"]),
    ("getAuditVocabulary",        ["200/200", "403/403", "403/403", "403/403", "403/403", "403/403", "401/401", "403/403"]),
    // Evidence is seen with the project and changed by its parties on the ground only: its
    // accepted organizations and its county (the in-scope project is docking, so unpublished).
    ("listProjectAttachments",    ["200/200", "200/404", "200/404", "200/404", "404/404", "404/404", "401/401", "200/404"]),
    ("getProjectAttachment",      ["200/200", "200/404", "200/404", "200/404", "404/404", "404/404", "401/401", "200/404"]),
    ("createProjectAttachment",   ["403/403", "403/404", "201/404", "201/404", "404/404", "404/404", "401/401", "403/404"]),
    ("deleteProjectAttachment",   ["403/403", "403/404", "204/404", "204/404", "404/404", "404/404", "401/401", "403/404"]),
    // The evaluation system: national admins write frameworks and rounds; an expert reads the
    // rounds they score in and only their own assignments; results by scope once published
    // (the in-scope round is published with no public top, the out-of-scope one is scoring).
    ("listIndicatorMetrics",      ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("listIndicatorFrameworks",   ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("createIndicatorFramework",  ["201/201", "403/403", "403/403", "403/403", "403/403", "403/403", "401/401", "403/403"]),
    ("getIndicatorFramework",     ["200/200", "200/404", "200/404", "200/404", "200/404", "200/404", "401/401", "200/404"]),
    ("updateIndicatorFramework",  ["200/409", "404/403", "404/403", "404/403", "404/403", "404/403", "401/401", "404/403"]),
    ("transitionIndicatorFramework", ["409/409", "404/409", "404/409", "404/409", "404/409", "404/409", "401/401", "404/409"]),
    ("copyIndicatorFramework",    ["201/201", "403/404", "403/404", "403/404", "403/404", "403/404", "401/401", "403/404"]),
    ("listEvaluationRounds",      ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("createEvaluationRound",     ["201/201", "403/403", "403/403", "403/403", "403/403", "403/403", "401/401", "403/403"]),
    ("getEvaluationRound",        ["200/200", "200/404", "200/404", "200/404", "200/200", "200/404", "401/401", "200/404"]),
    ("updateEvaluationRound",     ["200/409", "404/404", "404/404", "404/404", "404/403", "404/404", "401/401", "404/404"]),
    ("transitionEvaluationRound", ["409/409", "404/404", "404/404", "404/404", "404/409", "404/404", "401/401", "404/404"]),
    ("snapshotEvaluationRound",   ["202/409", "404/404", "404/404", "404/404", "403/404", "404/404", "401/401", "404/404"]),
    ("listRoundSubjects",         ["200/200", "404/404", "404/404", "404/404", "403/404", "404/404", "401/401", "404/404"]),
    ("listRoundAssignments",      ["200/200", "404/404", "404/404", "404/404", "200/404", "404/404", "401/401", "404/404"]),
    ("createRoundAssignments",    ["201/201", "404/404", "404/404", "404/404", "403/404", "404/404", "401/401", "404/404"]),
    ("listEvaluationResults",     ["200/409", "200/404", "200/404", "200/404", "200/409", "200/404", "401/401", "200/404"]),
    ("exportEvaluationResults",   ["200/409", "200/404", "200/404", "200/404", "200/409", "200/404", "401/401", "200/404"]),
    ("getEvaluationResult",       ["200/200", "200/404", "404/404", "200/404", "404/404", "404/404", "401/401", "200/404"]),
    ("listMyAssignments",         ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("getAssignment",             ["200/200", "404/404", "404/404", "404/404", "200/404", "404/404", "401/401", "404/404"]),
    ("getAssignmentScores",       ["200/200", "404/404", "404/404", "404/404", "200/404", "404/404", "401/401", "404/404"]),
    ("putAssignmentScores",       ["403/403", "404/404", "404/404", "404/404", "200/404", "404/404", "401/401", "404/404"]),
    ("transitionAssignment",      ["409/409", "404/404", "404/404", "404/404", "409/404", "404/404", "401/401", "404/404"]),
    ("getMyTies",                 ["403/403", "403/403", "403/403", "403/403", "200/200", "403/403", "401/401", "403/403"]),
    ("putMyTies",                 ["403/403", "403/403", "403/403", "403/403", "200/200", "403/403", "401/401", "403/403"]),
    // Selections: coordinators follow a selection from the start, everyone else once published;
    // a province nominates its own organizations (the in-scope selection is still nominating).
    ("listSelections",            ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("createSelection",           ["201/201", "403/403", "403/403", "403/403", "403/403", "403/403", "401/401", "403/403"]),
    ("getSelection",              ["200/200", "200/200", "404/404", "404/404", "404/404", "404/404", "401/401", "200/200"]),
    ("updateSelection",           ["200/200", "403/403", "404/404", "404/404", "404/404", "404/404", "401/401", "403/403"]),
    ("transitionSelection",       ["409/409", "409/409", "404/404", "404/404", "404/404", "404/404", "401/401", "409/409"]),
    ("listNominations",           ["200/200", "200/200", "404/404", "404/404", "404/404", "404/404", "401/401", "200/200"]),
    ("createNomination",          ["201/201", "201/403", "404/404", "404/404", "404/404", "404/404", "401/401", "201/403"]),
    ("getNomination",             ["200/200", "200/404", "404/404", "404/404", "404/404", "404/404", "401/401", "200/404"]),
    ("transitionNomination",      ["409/409", "403/404", "404/404", "404/404", "404/404", "404/404", "401/401", "403/404"]),
    // Notifications: everyone reads and marks their own, and only their own (notifications.rs).
    ("listMyNotifications",       ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("markNotificationsRead",     ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    // Incidents: the county and its coordinators; an organization reports only about its own
    // project (none named here) and reads what it reported. Never public.
    ("listIncidents",             ["200/200", "200/200", "200/200", "200/200", "403/403", "403/403", "401/401", "200/200"]),
    ("createIncident",            ["201/201", "201/403", "201/403", "403/403", "403/403", "403/403", "401/401", "201/403"]),
    ("getIncident",               ["200/200", "200/404", "200/404", "404/404", "404/404", "404/404", "401/401", "200/404"]),
    ("updateIncident",            ["200/200", "200/404", "200/404", "404/404", "404/404", "404/404", "401/401", "200/404"]),
    ("transitionIncident",        ["409/409", "409/404", "409/404", "404/404", "404/404", "404/404", "401/401", "409/404"]),
    ("listIncidentActions",       ["200/200", "200/404", "200/404", "404/404", "404/404", "404/404", "401/401", "200/404"]),
    ("createIncidentAction",      ["201/201", "201/404", "201/404", "404/404", "404/404", "404/404", "401/401", "201/404"]),
    ("getRisks",                  ["200/200", "200/403", "200/403", "403/403", "403/403", "403/403", "401/401", "200/403"]),
    // Trainings: everyone signed in reads them; a province organizes its own (here provincial
    // trainings of 四川 and 云南, so a county officer organizes neither).
    ("listTrainings",             ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("createTraining",            ["201/201", "201/403", "403/403", "403/403", "403/403", "403/403", "401/401", "201/403"]),
    ("exportTrainings",           ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("getTraining",               ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("updateTraining",            ["200/200", "200/403", "403/403", "403/403", "403/403", "403/403", "401/401", "200/403"]),
    ("transitionTraining",        ["409/409", "409/409", "409/409", "409/409", "409/409", "409/409", "401/401", "409/409"]),
    ("listTrainingParticipants",  ["200/200", "200/200", "200/200", "200/200", "200/200", "200/200", "401/401", "200/200"]),
    ("putTrainingParticipant",    ["200/200", "200/403", "403/403", "403/403", "403/403", "403/403", "401/401", "200/403"]),
    ("importTrainingParticipants",["200/200", "200/403", "403/403", "403/403", "403/403", "403/403", "401/401", "200/403"]),
    // Year-end reports: the nation's and each province's own (404 elsewhere, 403 to the roles
    // that read none); the province writes and signs, a token signs nothing; the board and the
    // downloads are the nation's.
    ("listYearEndReports",        ["200/200", "200/200", "403/403", "403/403", "403/403", "403/403", "401/401", "200/200"]),
    ("createYearEndReport",       ["403/403", "201/403", "403/403", "403/403", "403/403", "403/403", "401/401", "201/403"]),
    ("getYearEndReport",          ["200/200", "200/404", "404/404", "404/404", "404/404", "404/404", "401/401", "200/404"]),
    ("updateYearEndReport",       ["403/403", "200/404", "404/404", "404/404", "404/404", "404/404", "401/401", "200/404"]),
    ("signYearEndReport",         ["403/403", "200/404", "404/404", "404/404", "404/404", "404/404", "401/401", "403/404"]),
    ("transitionYearEndReport",   ["409/409", "409/404", "404/404", "404/404", "404/404", "404/404", "401/401", "409/404"]),
    ("listYearEndReportVersions", ["200/200", "200/404", "404/404", "404/404", "404/404", "404/404", "401/401", "200/404"]),
    ("getYearEndReportPdf",       ["200/200", "200/404", "404/404", "404/404", "404/404", "404/404", "401/401", "200/404"]),
    ("listYearEndReportAttachments", ["200/200", "200/404", "404/404", "404/404", "404/404", "404/404", "401/401", "200/404"]),
    ("createYearEndReportAttachment", ["403/403", "201/404", "404/404", "404/404", "404/404", "404/404", "401/401", "201/404"]),
    ("getYearEndReportAttachment", ["200/200", "200/404", "404/404", "404/404", "404/404", "404/404", "401/401", "200/404"]),
    ("deleteYearEndReportAttachment", ["403/403", "204/404", "404/404", "404/404", "404/404", "404/404", "401/401", "204/404"]),
    ("getYearEndBoard",           ["200/200", "403/403", "403/403", "403/403", "403/403", "403/403", "401/401", "403/403"]),
    ("setYearEndDeadline",        ["200/200", "403/403", "403/403", "403/403", "403/403", "403/403", "401/401", "403/403"]),
    ("remindYearEndReports",      ["200/200", "403/403", "403/403", "403/403", "403/403", "403/403", "401/401", "403/403"]),
    ("exportYearEndReports",      ["200/200", "403/403", "403/403", "403/403", "403/403", "403/403", "401/401", "403/403"]),
    ("downloadYearEndReportPdfs", ["200/200", "403/403", "403/403", "403/403", "403/403", "403/403", "401/401", "403/403"]),
];

/// Cells whose answer today is a defect another change fixes: allowed although undeclared, with
/// the reason. Remove the entry (and correct the row) when the fix lands.
const KNOWN_DEFECTS: &[(&str, &str, &str)] = &[];

/// The fixtures: ids of the objects in scope (`.0`) and out of scope (`.1`).
#[derive(Default)]
struct World {
    admin: String,
    tokens: BTreeMap<&'static str, String>,
    org: (String, String),
    offer: (String, String),
    pairing: (String, String),
    need: (String, String),
    project: (String, String),
    campaign: String,
    event: (String, String),
    user: (String, String),
    token: (String, String),
    /// Webhook subscriptions with 四川's and 云南's provincial scope.
    webhook: (String, String),
    job: (String, String),
    /// Background exports of 四川's officer and of the national admin, finished.
    export_job: (String, String),
    brand: (String, String),
    brand_attachment: (String, String),
    /// An attachment of a recognized brand (on the showcase) and of a draft one.
    public_attachment: (String, String),
    collection: String,
    case: (String, String),
    case_attachment: (String, String),
    /// Evidence of `project`, added by its county's officers.
    project_attachment: (String, String),
    /// The county officers of 昭觉 and 会泽, who may add a project's evidence there.
    county_tokens: (String, String),
    /// An active framework and a draft one.
    framework: (String, String),
    /// A published round (A and B, no public top) and one being scored, and a draft round.
    round: (String, String),
    round_draft: String,
    /// The matrix's expert's assignment (on A, in the scoring round) and another expert's (on B).
    assignment: (String, String),
    /// A selection still nominating, with nominations of A and of B.
    selection: String,
    nomination: (String, String),
    /// An incident in 昭觉 about A, and one in 会泽 about B, reported by the admin.
    incident: (String, String),
    /// Provincial trainings of 四川 and of 云南, planned by the admin.
    training: (String, String),
    /// 2026 year-end reports of 四川 and 云南, by their officers, each with an attachment; the officers.
    report: (String, String),
    report_attachment: (String, String),
    report_officers: (String, String),
    n: AtomicU32,
}

impl World {
    fn next(&self) -> u32 {
        self.n.fetch_add(1, Ordering::Relaxed)
    }
    fn pick(pair: &(String, String), inside: bool) -> &str {
        if inside { &pair.0 } else { &pair.1 }
    }
}

fn id(r: &crate::helpers::Resp) -> String {
    assert!(r.status.is_success(), "fixture: {} {}", r.status, r.body);
    r.body["id"]
        .as_str()
        .or_else(|| r.body["token"]["id"].as_str())
        .or_else(|| r.body["webhook"]["id"].as_str())
        .expect("id")
        .to_owned()
}

async fn world(app: &TestApp) -> World {
    let admin = app.admin().await;
    let mut w = World { admin: admin.clone(), n: AtomicU32::new(100), ..Default::default() };
    w.org = (app.org(&admin, 1, "510000", &["industry"]).await, app.org(&admin, 2, "530000", &["industry"]).await);
    let province = app.user(&admin, "m-province", "provincial_officer", json!({"province_code": "510000"})).await;
    let county = app.user(&admin, "m-county", "county_officer", json!({"county_code": ZHAOJUE})).await;
    let member = app.user(&admin, "m-member", "org_member", json!({"organization_id": w.org.0})).await;
    let evaluator = app.user(&admin, "m-evaluator", "evaluator", json!({})).await;
    let viewer = app.user(&admin, "m-viewer", "viewer", json!({})).await;
    let huize = app.post(
        "/api/v1/users",
        &admin,
        json!({"username": "m-huize", "password": PASSWORD, "display_name": "会泽", "role": "county_officer", "county_code": HUIZE}),
    );
    let zhaojue_user = app.get("/api/v1/me", &county).await;
    w.user = (id(&zhaojue_user), id(&huize.await));
    w.county_tokens = (county.clone(), app.token("m-huize", PASSWORD).await);
    let token = |province: &'static str| {
        app.post(
            "/api/v1/api-tokens",
            &admin,
            json!({"name": "matrix", "role": "provincial_officer", "province_code": province}),
        )
    };
    let sc_token = token("510000").await;
    w.token = (id(&sc_token), id(&token("530000").await));
    let secret = sc_token.body["secret"].as_str().expect("secret").to_owned();
    w.webhook = (id(&webhook(app, &admin, "510000", 0).await), id(&webhook(app, &admin, "530000", 0).await));
    for (role, t) in [
        ("national_admin", admin.clone()),
        ("provincial_officer", province.clone()),
        ("county_officer", county.clone()),
        ("org_member", member.clone()),
        ("evaluator", evaluator),
        ("viewer", viewer),
        ("api_token", secret),
    ] {
        w.tokens.insert(role, t);
    }
    let mut offers = vec![];
    for org in [&w.org.0, &w.org.1] {
        let body = json!({"title": "产业帮扶", "assistance_types": ["industry"], "capacity": "100000"});
        offers.push(id(&app.post(&format!("/api/v1/organizations/{org}/offers"), &admin, body).await));
    }
    w.offer = (offers[0].clone(), offers[1].clone());
    let pairing = |county: &str, org: &str| {
        app.post("/api/v1/pairings", &admin, json!({"county_code": county, "lead_organization_id": org, "assistance_types": ["industry"], "channel": "national_org"}))
    };
    w.pairing = (id(&pairing(ZHAOJUE, &w.org.0).await), id(&pairing(HUIZE, &w.org.1).await));
    let need = |county: &str| {
        app.post(
            "/api/v1/needs",
            &admin,
            json!({"county_code": county, "assistance_type": "industry", "title": "产业需求", "priority": "high"}),
        )
    };
    w.need = (id(&need(ZHAOJUE).await), id(&need(HUIZE).await));
    let project = |county: &str, org: &str| {
        app.post("/api/v1/projects", &admin, json!({"title": "种植项目", "county_code": county, "assistance_type": "industry", "organizations": [{"organization_id": org, "role": "lead"}]}))
    };
    w.project = (id(&project(ZHAOJUE, &w.org.0).await), id(&project(HUIZE, &w.org.1).await));
    // Organization A accepts its pairing and project, so its member takes part in them; the
    // pairing then waits for the county's confirmation.
    let accepted = app.move_pairing(&member, &w.pairing.0, "accepted", "").await;
    assert_eq!(accepted.status, 200, "fixture: {}", accepted.body);
    let project_path = format!("/api/v1/projects/{}", w.project.0);
    let etag = app.get(&project_path, &member).await.etag();
    let accepted = app
        .call(
            Method::POST,
            &format!("{project_path}/organizations/{}/transitions", w.org.0),
            Some(&member),
            Some(json!({"to": "accepted", "reason": ""})),
            &[("if-match", &etag)],
        )
        .await;
    assert_eq!(accepted.status, 200, "fixture: {}", accepted.body);
    // A landed project of A in 昭觉: open data for 四川, none for 云南.
    let landed = id(&app
        .post("/api/v1/projects", &member, json!({"title": "冷库项目", "county_code": ZHAOJUE, "assistance_type": "industry", "organizations": [{"organization_id": w.org.0, "role": "lead"}]}))
        .await);
    for (who, to) in [(&member, "signed"), (&member, "landed"), (&county, "landed")] {
        let moved = app.move_entity(who, &format!("/api/v1/projects/{landed}"), to, "落地").await;
        assert_eq!(moved.status, 200, "fixture: {}", moved.body);
    }
    w.campaign = id(&app.post("/api/v1/campaigns", &admin, json!({"year": 2026, "theme": "社会组织乡村行"})).await);
    let mut events = vec![];
    for county in [ZHAOJUE, HUIZE] {
        let body = json!({"date": "2026-06-01", "place": "会议中心", "county_code": county});
        events.push(id(&app.post(&format!("/api/v1/campaigns/{}/events", w.campaign), &admin, body).await));
    }
    w.event = (events[0].clone(), events[1].clone());
    let job = |t: &str| {
        app.client
            .post(format!("{}/api/v1/organizations/import?dry_run=true", app.base))
            .bearer_auth(t.to_owned())
            .header("content-type", "text/csv")
            .body("名称\n")
            .send()
    };
    let job_id = |r: reqwest::Response| {
        r.headers()["location"].to_str().expect("location").rsplit('/').next().expect("id").to_owned()
    };
    w.job = (job_id(job(&province).await.expect("job")), job_id(job(&admin).await.expect("job")));
    let export = "/api/v1/projects/export?format=csv&background=true";
    let (mine, national) = (app.get(export, &province).await, app.get(export, &admin).await);
    let mut export_jobs = vec![];
    for queued in [mine, national] {
        let id = queued.body["id"].as_str().expect("fixture: a background export").to_owned();
        assert_eq!(app.wait_for_job(&id, &admin).await["status"], "succeeded", "fixture: export {id}");
        export_jobs.push(id);
    }
    w.export_job = (export_jobs[0].clone(), export_jobs[1].clone());
    let brand = |org: &str, name: &str| {
        app.post(
            "/api/v1/brands",
            &admin,
            json!({"name": name, "line": "governance", "focus": ["elderly_care"], "owner_organization_id": org}),
        )
    };
    w.brand = (id(&brand(&w.org.0, "幸福院").await), id(&brand(&w.org.1, "暖心行动").await));
    let attach = |path: String| {
        app.client
            .post(format!("{}{path}?filename=evidence.pdf", app.base))
            .bearer_auth(admin.clone())
            .header("content-type", "application/pdf")
            .body(PDF)
            .send()
    };
    let attachment_id = |r: reqwest::Response| async move {
        assert_eq!(r.status(), 201, "fixture attachment");
        r.json::<Value>().await.expect("json")["id"].as_str().expect("id").to_owned()
    };
    w.brand_attachment = (
        attachment_id(attach(format!("/api/v1/brands/{}/attachments", w.brand.0)).await.expect("sent")).await,
        attachment_id(attach(format!("/api/v1/brands/{}/attachments", w.brand.1)).await.expect("sent")).await,
    );
    // A third brand of A, recognized: its evidence is on the showcase.
    // (Evidence goes in while it is a draft.)
    let shown = id(&brand(&w.org.0, "乡村书屋").await);
    w.public_attachment = (
        attachment_id(attach(format!("/api/v1/brands/{shown}/attachments")).await.expect("sent")).await,
        w.brand_attachment.1.clone(),
    );
    for (who, to) in [(&member, "applied"), (&province, "recommended"), (&admin, "recognized")] {
        let moved = app.move_entity(who, &format!("/api/v1/brands/{shown}"), to, "").await;
        assert_eq!(moved.status, 200, "fixture: {}", moved.body);
    }
    w.collection = id(&app
        .post(
            "/api/v1/case-collections",
            &admin,
            json!({"title": "2026 年案例征集", "year": 2026, "deadline": "2099-12-31"}),
        )
        .await);
    let case = |org: &str| {
        app.post(
            "/api/v1/cases",
            &admin,
            json!({"collection_id": w.collection, "title": "养老服务案例", "organization_id": org, "line": "governance"}),
        )
    };
    w.case = (id(&case(&w.org.0).await), id(&case(&w.org.1).await));
    w.case_attachment = (
        attachment_id(attach(format!("/api/v1/cases/{}/attachments", w.case.0)).await.expect("sent")).await,
        attachment_id(attach(format!("/api/v1/cases/{}/attachments", w.case.1)).await.expect("sent")).await,
    );
    let mut evidence = vec![];
    for (project, t) in [(&w.project.0, &w.county_tokens.0), (&w.project.1, &w.county_tokens.1)] {
        evidence.push(attachment_id(add_project_evidence(app, project, t).await).await);
    }
    w.project_attachment = (evidence[0].clone(), evidence[1].clone());
    let incident = |county: &str, org: &str| {
        app.post(
            "/api/v1/incidents",
            &admin,
            json!({"title": "活动现场踩踏隐患", "kind": "safety", "severity": "low", "organization_id": org,
                   "county_code": county, "occurred_at": "2026-06-01T08:00:00Z", "description": "人员过密"}),
        )
    };
    w.incident = (id(&incident(ZHAOJUE, &w.org.0).await), id(&incident(HUIZE, &w.org.1).await));
    let training = |province: &str| {
        app.post(
            "/api/v1/trainings",
            &admin,
            json!({"title": "社会组织参与乡村振兴能力提升培训", "organizer_level": "provincial", "province_code": province,
                   "starts_on": "2026-06-01", "ends_on": "2026-06-03", "mode": "onsite"}),
        )
    };
    w.training = (id(&training("510000").await), id(&training("530000").await));
    year_end_world(app, &mut w).await;
    evaluation_world(app, &mut w).await;
    w
}

/// An attachment added to a year-end report by `officer`.
async fn report_attachment(app: &TestApp, report: &str, officer: &str) -> String {
    let r = app
        .client
        .post(format!("{}/api/v1/year-end-reports/{report}/attachments?filename=plan.pdf", app.base))
        .bearer_auth(officer)
        .header("content-type", "application/pdf")
        .body(PDF)
        .send()
        .await
        .expect("sent");
    assert_eq!(r.status(), 201, "fixture report attachment");
    r.json::<Value>().await.expect("json")["id"].as_str().expect("id").to_owned()
}

/// The year-end report fixtures: 四川's and 云南's 2026 reports, written by their own officers.
async fn year_end_world(app: &TestApp, w: &mut World) {
    let sichuan = w.tokens["provincial_officer"].clone();
    let yunnan = app.user(&w.admin, "m-yn-officer", "provincial_officer", json!({"province_code": "530000"})).await;
    let body = json!({"year": 2026});
    w.report = (
        id(&app.post("/api/v1/year-end-reports", &sichuan, body.clone()).await),
        id(&app.post("/api/v1/year-end-reports", &yunnan, body).await),
    );
    w.report_attachment =
        (report_attachment(app, &w.report.0, &sichuan).await, report_attachment(app, &w.report.1, &yunnan).await);
    w.report_officers = (sichuan, yunnan);
}

/// The evaluation fixtures: frameworks, three rounds, two experts' assignments, a selection.
async fn evaluation_world(app: &TestApp, w: &mut World) {
    let admin = w.admin.clone();
    let framework = |expert: bool| {
        let mut dims = vec![
            json!({"code": "effect", "name": "成效", "weight": if expert { 50 } else { 100 }, "indicators": [
            {"code": "landed", "name": "落地项目", "weight": 100, "method": "computed", "metric": "projects_landed"}]}),
        ];
        if expert {
            dims.push(json!({"code": "quality", "name": "质量", "weight": 50, "indicators": [
                {"code": "q", "name": "质量", "weight": 100, "method": "expert", "rubric": [{"min": 0, "max": 100, "description": "按材料评分"}]}]}));
        }
        app.post(
            "/api/v1/indicator-frameworks",
            &admin,
            json!({"name": "矩阵体系", "subject_type": "organization", "tree": {"dimensions": dims}}),
        )
    };
    let expert_framework = id(&framework(true).await);
    let computed_framework = id(&framework(false).await);
    for f in [&expert_framework, &computed_framework] {
        let moved = app.move_entity(&admin, &format!("/api/v1/indicator-frameworks/{f}"), "active", "").await;
        assert_eq!(moved.status, 200, "fixture: {}", moved.body);
    }
    let draft = id(&app
        .post("/api/v1/indicator-frameworks", &admin, json!({"name": "草稿体系", "subject_type": "organization"}))
        .await);
    w.framework = (expert_framework.clone(), draft);
    let round = |framework: &str, min: i64| {
        app.post("/api/v1/evaluation-rounds", &admin, json!({"name": "矩阵评估", "year": 2026, "period_start": "2026-01-01", "period_end": "2026-12-31",
            "framework_id": framework, "subject_filter": "listed", "subject_ids": [w.org.0, w.org.1], "min_evaluators": min, "public_top": 0}))
    };
    let published = id(&round(&computed_framework, 1).await);
    let scoring = id(&round(&expert_framework, 1).await);
    w.round_draft = id(&round(&expert_framework, 2).await);
    let expert = w.tokens["evaluator"].clone();
    let other = app.user(&admin, "m-evaluator-2", "evaluator", json!({})).await;
    let expert_id = app.get("/api/v1/me", &expert).await.body["id"].as_str().expect("id").to_owned();
    let other_id = app.get("/api/v1/me", &other).await.body["id"].as_str().expect("id").to_owned();
    let assignments = format!("/api/v1/evaluation-rounds/{scoring}/assignments");
    let assign = |subject: &str, evaluator: &str| {
        app.post(&assignments, &admin, json!({"subject_id": subject, "evaluator_id": evaluator}))
    };
    let mine = assign(&w.org.0, &expert_id).await;
    let theirs = assign(&w.org.1, &other_id).await;
    let created = |r: &crate::helpers::Resp| r.body["assignment"]["id"].as_str().expect("assignment").to_owned();
    w.assignment = (created(&mine), created(&theirs));
    for (r, to) in [(&published, "scoring"), (&scoring, "scoring")] {
        let moved = app.move_entity(&admin, &format!("/api/v1/evaluation-rounds/{r}"), to, "").await;
        assert_eq!(moved.status, 200, "fixture: {}", moved.body);
    }
    // The opening snapshot runs in the background; under CI's load on PostgreSQL it outlasted
    // the ten seconds once waited here, and the matrix's own snapshot then met it (409).
    for r in [&published, &scoring] {
        let mut done = false;
        for _ in 0..600 {
            if app.get(&format!("/api/v1/evaluation-rounds/{r}"), &admin).await.body["snapshot_at"].is_string() {
                done = true;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        if !done {
            let round = app.get(&format!("/api/v1/evaluation-rounds/{r}"), &admin).await.body;
            let job = match round["snapshot_job_id"].as_str() {
                Some(j) => app.get(&format!("/api/v1/jobs/{j}"), &admin).await.body,
                None => Value::Null,
            };
            panic!("fixture: the opening snapshot of round {r} did not finish within a minute: {round} {job}");
        }
    }
    for to in ["closed", "published"] {
        let moved = app.move_entity(&admin, &format!("/api/v1/evaluation-rounds/{published}"), to, "").await;
        assert_eq!(moved.status, 200, "fixture: {}", moved.body);
    }
    w.round = (published, scoring);
    w.selection =
        id(&app.post("/api/v1/selections", &admin, json!({"year": 2026, "kind": "outstanding_organization"})).await);
    let nominations = format!("/api/v1/selections/{}/nominations", w.selection);
    let nominate = |org: &str| app.post(&nominations, &admin, json!({"subject_id": org, "reason": "成效突出"}));
    w.nomination = (id(&nominate(&w.org.0).await), id(&nominate(&w.org.1).await));
}

/// A project's county officer adds a PDF to its evidence.
async fn add_project_evidence(app: &TestApp, project: &str, token: &str) -> reqwest::Response {
    app.client
        .post(format!("{}/api/v1/projects/{project}/attachments?filename=evidence.pdf", app.base))
        .bearer_auth(token.to_owned())
        .header("content-type", "application/pdf")
        .body(PDF)
        .send()
        .await
        .expect("sent")
}

/// The smallest file that reads as a PDF.
const PDF: &str = "%PDF-1.4\n%%EOF\n";

enum Body {
    None,
    Json(Value),
    Raw(&'static str, String),
}

struct Call {
    method: Method,
    path: String,
    body: Body,
    /// Read this path's ETag (as the admin) and send it as `If-Match`.
    if_match_of: Option<String>,
}

fn call(method: Method, path: impl Into<String>, body: Body) -> Call {
    Call { method, path: path.into(), body, if_match_of: None }
}

/// A change with the `If-Match` of the object at `path`, or of its parent for a transition.
/// A subscription with a province's provincial scope (its receiver need not exist: the matrix
/// asks who may manage it, not whether it is delivered).
fn webhook_body(province: &str, n: u32) -> Value {
    json!({"name": format!("matrix-{n}"), "url": "https://receiver.invalid/hook", "events": ["project.landed"],
           "role": "provincial_officer", "province_code": province})
}

async fn webhook(app: &TestApp, admin: &str, province: &str, n: u32) -> crate::helpers::Resp {
    app.post("/api/v1/webhooks", admin, webhook_body(province, n)).await
}

fn changing(method: Method, path: String, body: Value) -> Call {
    let object = path.strip_suffix("/transitions").unwrap_or(&path).to_owned();
    Call { method, path, body: Body::Json(body), if_match_of: Some(object) }
}

/// The request an operation is tried with, for an object in or out of scope. Objects that a
/// call uses up (a token to revoke, an organization to pair) are made here, by the admin.
async fn request(app: &TestApp, w: &World, op: &str, inside: bool) -> Option<Call> {
    let pick = |pair: &(String, String)| World::pick(pair, inside).to_owned();
    let (province, county) = if inside { ("510000", ZHAOJUE) } else { ("530000", HUIZE) };
    let n = w.next();
    let get = |path: String| call(Method::GET, path, Body::None);
    let post = |path: String, body: Value| call(Method::POST, path, Body::Json(body));
    let fresh_org = || app.org(&w.admin, n, province, &["industry"]);
    Some(match op {
        "login" => post("/api/v1/auth/login".into(), json!({"username": "admin", "password": ADMIN_PASSWORD})),
        "refreshSession" => post("/api/v1/auth/refresh".into(), json!({"refresh_token": "not-a-token"})),
        "logout" => post("/api/v1/auth/logout".into(), json!({})),
        "getMe" => get("/api/v1/me".into()),
        "listUsers" => get(format!("/api/v1/users?province={province}")),
        "createUser" => post(
            "/api/v1/users".into(),
            json!({"username": format!("m-user-{n}"), "password": PASSWORD, "display_name": "县干部", "role": "county_officer", "county_code": county}),
        ),
        "getUser" => get(format!("/api/v1/users/{}", pick(&w.user))),
        "updateUser" => {
            let path = format!("/api/v1/users/{}", pick(&w.user));
            let current = app.get(&path, &w.admin).await.body["display_name"].clone();
            changing(Method::PATCH, path, json!({"display_name": current}))
        }
        "listApiTokens" => get("/api/v1/api-tokens".into()),
        "createApiToken" => post(
            "/api/v1/api-tokens".into(),
            json!({"name": format!("matrix-{n}"), "role": "provincial_officer", "province_code": province}),
        ),
        "getApiToken" => get(format!("/api/v1/api-tokens/{}", pick(&w.token))),
        "revokeApiToken" => {
            let r = app
                .post(
                    "/api/v1/api-tokens",
                    &w.admin,
                    json!({"name": format!("revoke-{n}"), "role": "provincial_officer", "province_code": province}),
                )
                .await;
            let path = format!("/api/v1/api-tokens/{}", id(&r));
            Call { method: Method::DELETE, path: path.clone(), body: Body::None, if_match_of: Some(path) }
        }
        "listWebhooks" => get("/api/v1/webhooks".into()),
        "createWebhook" => post("/api/v1/webhooks".into(), webhook_body(province, n)),
        "getWebhook" => get(format!("/api/v1/webhooks/{}", pick(&w.webhook))),
        "patchWebhook" => {
            let path = format!("/api/v1/webhooks/{}", pick(&w.webhook));
            let current = app.get(&path, &w.admin).await.body["name"].clone();
            changing(Method::PATCH, path, json!({"name": current}))
        }
        "deleteWebhook" => {
            let path = format!("/api/v1/webhooks/{}", id(&webhook(app, &w.admin, province, n).await));
            Call { method: Method::DELETE, path: path.clone(), body: Body::None, if_match_of: Some(path) }
        }
        "listWebhookDeliveries" => get(format!("/api/v1/webhooks/{}/deliveries", pick(&w.webhook))),
        // A fresh subscription each: one ping and one redelivery of a delivery may be pending at once.
        "redeliverWebhookDelivery" => {
            let hook = id(&webhook(app, &w.admin, province, n).await);
            let ping = id(&app.post(&format!("/api/v1/webhooks/{hook}/ping"), &w.admin, json!({})).await);
            post(format!("/api/v1/webhooks/{hook}/deliveries/{ping}/redeliver"), json!({}))
        }
        "pingWebhook" => {
            post(format!("/api/v1/webhooks/{}/ping", id(&webhook(app, &w.admin, province, n).await)), json!({}))
        }
        "listProvinces" => get("/api/v1/provinces".into()),
        "getProvince" => get(format!("/api/v1/provinces/{province}")),
        "listCounties" => get(format!("/api/v1/counties?province={province}")),
        "getCounty" => get(format!("/api/v1/counties/{county}")),
        "updateCounty" => {
            let path = format!("/api/v1/counties/{county}");
            let current = app.get(&path, &w.admin).await.body["key_county"].clone();
            changing(Method::PATCH, path, json!({"key_county": current}))
        }
        "listEastWestPairs" => get("/api/v1/east-west-pairs".into()),
        "getKeyCountySummary" => get("/api/v1/key-counties/summary".into()),
        "importKeyCounties" => call(
            Method::POST,
            "/api/v1/key-counties/import?dry_run=true",
            Body::Raw("text/csv", format!("code,key_county\n{county},1\n")),
        ),
        "listAuditEvents" => get(format!("/api/v1/audit-events?entity_id={}", pick(&w.org))),
        "listOrganizations" => get(format!("/api/v1/organizations?province={province}")),
        "createOrganization" => post(
            "/api/v1/organizations".into(),
            json!({"name": format!("矩阵组织{n}"), "credit_code": credit_code(n), "legal_form": "social_group",
                   "registration_level": "provincial", "province_code": province, "category": "charity"}),
        ),
        "getOrganization" => get(format!("/api/v1/organizations/{}", pick(&w.org))),
        "updateOrganization" => {
            let path = format!("/api/v1/organizations/{}", pick(&w.org));
            let current = app.get(&path, &w.admin).await.body["name"].clone();
            changing(Method::PATCH, path, json!({"name": current}))
        }
        // `active` → `active` is no move: a caller allowed to move it hears 409, and nothing changes.
        "transitionOrganization" => changing(
            Method::POST,
            format!("/api/v1/organizations/{}/transitions", pick(&w.org)),
            json!({"to": "active", "reason": "矩阵"}),
        ),
        // Both codes passed their check: nothing to confirm (409) for the national admin.
        "confirmCreditCode" => Call {
            method: Method::POST,
            path: format!("/api/v1/organizations/{}/credit-code-confirmation", pick(&w.org)),
            body: Body::None,
            if_match_of: Some(format!("/api/v1/organizations/{}", pick(&w.org))),
        },
        "exportOrganizations" => get(format!("/api/v1/organizations/export?format=csv&province={province}")),
        "importOrganizations" => {
            call(Method::POST, "/api/v1/organizations/import?dry_run=true", Body::Raw("text/csv", "名称\n".into()))
        }
        "listOffers" => get(format!("/api/v1/organizations/{}/offers", pick(&w.org))),
        "createOffer" => post(
            format!("/api/v1/organizations/{}/offers", pick(&w.org)),
            json!({"title": "教育帮扶", "assistance_types": ["education"], "capacity": "1000"}),
        ),
        "getOffer" => get(format!("/api/v1/offers/{}", pick(&w.offer))),
        "updateOffer" => {
            let path = format!("/api/v1/offers/{}", pick(&w.offer));
            let current = app.get(&path, &w.admin).await.body["title"].clone();
            changing(Method::PATCH, path, json!({"title": current}))
        }
        "listMatchingNeeds" => get(format!("/api/v1/organizations/{}/matching-needs", pick(&w.org))),
        "listPairings" => get(format!("/api/v1/pairings?county={county}")),
        "createPairing" => {
            let org = fresh_org().await;
            post(
                "/api/v1/pairings".into(),
                json!({"county_code": county, "lead_organization_id": org, "assistance_types": ["industry"], "channel": "national_org"}),
            )
        }
        "getPairing" => get(format!("/api/v1/pairings/{}", pick(&w.pairing))),
        // A proposed pairing cannot be concluded: 409 for whoever may move it.
        "transitionPairing" => changing(
            Method::POST,
            format!("/api/v1/pairings/{}/transitions", pick(&w.pairing)),
            json!({"to": "concluded", "reason": "矩阵"}),
        ),
        "listCultivation" => get(format!("/api/v1/pairings/{}/cultivation", pick(&w.pairing))),
        "createCultivation" => post(
            format!("/api/v1/pairings/{}/cultivation", pick(&w.pairing)),
            json!({"record_date": "2026-05-01", "trainings": 1}),
        ),
        "getCoverage" => get(format!("/api/v1/coverage?province={province}")),
        "listNeeds" => get(format!("/api/v1/needs?county={county}")),
        "createNeed" => post(
            "/api/v1/needs".into(),
            json!({"county_code": county, "assistance_type": "education", "title": "教育需求", "priority": "low"}),
        ),
        "getNeed" => get(format!("/api/v1/needs/{}", pick(&w.need))),
        "updateNeed" => {
            let path = format!("/api/v1/needs/{}", pick(&w.need));
            let current = app.get(&path, &w.admin).await.body["title"].clone();
            changing(Method::PATCH, path, json!({"title": current}))
        }
        // An open need cannot be reopened: 409 for whoever may move it.
        "transitionNeed" => changing(
            Method::POST,
            format!("/api/v1/needs/{}/transitions", pick(&w.need)),
            json!({"to": "open", "reason": "矩阵"}),
        ),
        "listNeedMatches" => get(format!("/api/v1/needs/{}/matches?limit=5", pick(&w.need))),
        "inviteForNeed" => {
            let org = fresh_org().await;
            post(format!("/api/v1/needs/{}/invitations", pick(&w.need)), json!({"organization_id": org}))
        }
        "getJob" => get(format!("/api/v1/jobs/{}", pick(&w.job))),
        "getJobFile" => get(format!("/api/v1/jobs/{}/file", pick(&w.export_job))),
        "listProjects" => get(format!("/api/v1/projects?county={county}")),
        "createProject" => post(
            "/api/v1/projects".into(),
            json!({"title": "新项目", "county_code": county, "assistance_type": "industry",
                   "organizations": [{"organization_id": pick(&w.org), "role": "lead"}]}),
        ),
        "exportProjects" => get(format!("/api/v1/projects/export?county={county}")),
        "getProject" => get(format!("/api/v1/projects/{}", pick(&w.project))),
        "updateProject" => {
            let path = format!("/api/v1/projects/{}", pick(&w.project));
            let current = app.get(&path, &w.admin).await.body["title"].clone();
            changing(Method::PATCH, path, json!({"title": current}))
        }
        // A docking project cannot be completed: 409 for whoever may move it.
        "transitionProject" => changing(
            Method::POST,
            format!("/api/v1/projects/{}/transitions", pick(&w.project)),
            json!({"to": "completed", "reason": "矩阵"}),
        ),
        // A has accepted already (409 to whoever sees the project); B's invitation is open, and
        // nobody but B's own members may answer it (403).
        "answerProjectInvitation" => {
            let project = pick(&w.project);
            Call {
                method: Method::POST,
                path: format!("/api/v1/projects/{project}/organizations/{}/transitions", pick(&w.org)),
                body: Body::Json(json!({"to": "accepted", "reason": "矩阵"})),
                if_match_of: Some(format!("/api/v1/projects/{project}")),
            }
        }
        "listProjectUpdates" => get(format!("/api/v1/projects/{}/updates", pick(&w.project))),
        "createProjectUpdate" => post(
            format!("/api/v1/projects/{}/updates", pick(&w.project)),
            json!({"date": "2026-05-01", "narrative": "进展", "beneficiaries_delta": 1}),
        ),
        "listCampaigns" => get("/api/v1/campaigns".into()),
        "createCampaign" => post("/api/v1/campaigns".into(), json!({"year": 2030 + n % 70, "theme": "乡村行"})),
        "getCampaign" => get(format!("/api/v1/campaigns/{}", w.campaign)),
        "listDockingEvents" => get(format!("/api/v1/campaigns/{}/events", w.campaign)),
        "createDockingEvent" => post(
            format!("/api/v1/campaigns/{}/events", w.campaign),
            json!({"date": "2026-07-01", "place": "县城", "county_code": county}),
        ),
        "getCampaignFunnel" => get(format!("/api/v1/campaigns/{}/funnel", w.campaign)),
        "listBrands" => get(format!("/api/v1/brands?province={province}")),
        "createBrand" => post(
            "/api/v1/brands".into(),
            json!({"name": format!("品牌{n}"), "line": "development", "focus": ["industry"], "owner_organization_id": pick(&w.org)}),
        ),
        "exportBrands" => get(format!("/api/v1/brands/export?province={province}")),
        "getBrand" => get(format!("/api/v1/brands/{}", pick(&w.brand))),
        "updateBrand" => {
            let path = format!("/api/v1/brands/{}", pick(&w.brand));
            let current = app.get(&path, &w.admin).await.body["name"].clone();
            changing(Method::PATCH, path, json!({"name": current}))
        }
        // A draft cannot be recognized: 409 for whoever sees it.
        "transitionBrand" => changing(
            Method::POST,
            format!("/api/v1/brands/{}/transitions", pick(&w.brand)),
            json!({"to": "recognized", "reason": "矩阵"}),
        ),
        "listBrandProjects" => get(format!("/api/v1/brands/{}/projects", pick(&w.brand))),
        "listBrandAttachments" => get(format!("/api/v1/brands/{}/attachments", pick(&w.brand))),
        "createBrandAttachment" => call(
            Method::POST,
            format!("/api/v1/brands/{}/attachments?filename=a.pdf", pick(&w.brand)),
            Body::Raw("application/pdf", PDF.into()),
        ),
        "getBrandAttachment" => {
            get(format!("/api/v1/brands/{}/attachments/{}", pick(&w.brand), pick(&w.brand_attachment)))
        }
        "deleteBrandAttachment" => {
            let brand = pick(&w.brand);
            let r = app
                .client
                .post(format!("{}/api/v1/brands/{brand}/attachments", app.base))
                .bearer_auth(w.admin.clone())
                .body(PDF)
                .send()
                .await
                .expect("sent");
            let a = r.json::<Value>().await.expect("json")["id"].as_str().expect("id").to_owned();
            call(Method::DELETE, format!("/api/v1/brands/{brand}/attachments/{a}"), Body::None)
        }
        "listProjectAttachments" => get(format!("/api/v1/projects/{}/attachments", pick(&w.project))),
        "createProjectAttachment" => call(
            Method::POST,
            format!("/api/v1/projects/{}/attachments?filename=a.pdf", pick(&w.project)),
            Body::Raw("application/pdf", PDF.into()),
        ),
        "getProjectAttachment" => {
            get(format!("/api/v1/projects/{}/attachments/{}", pick(&w.project), pick(&w.project_attachment)))
        }
        "deleteProjectAttachment" => {
            let (project, t) =
                if inside { (&w.project.0, &w.county_tokens.0) } else { (&w.project.1, &w.county_tokens.1) };
            let r = add_project_evidence(app, project, t).await;
            assert_eq!(r.status(), 201, "fixture attachment");
            let a = r.json::<Value>().await.expect("json")["id"].as_str().expect("id").to_owned();
            call(Method::DELETE, format!("/api/v1/projects/{project}/attachments/{a}"), Body::None)
        }
        "clearUserLockout" => call(Method::DELETE, format!("/api/v1/users/{}/lockout", pick(&w.user)), Body::None),
        "exportAuditEvents" => get(format!("/api/v1/audit-events/export?entity_id={}&format=csv", pick(&w.org))),
        "getAuditVocabulary" => get("/api/v1/audit-events/vocabulary".into()),
        "getShowcase" => get("/api/v1/public/showcase".into()),
        // Statistics answer every signed-in caller over their own scope (tests/api/statistics.rs
        // checks which figures each scope gets); an out-of-scope province is an empty table.
        "getProjectRollup" => get(format!("/api/v1/statistics/projects?group_by=province,status&province={province}")),
        "getProjectSeries" => get(format!("/api/v1/statistics/projects/series?province={province}&interval=quarter")),
        "exportProjectRollup" => {
            get(format!("/api/v1/statistics/projects/export?group_by=county&province={province}&format=csv"))
        }
        "getPublicStatistics" => get("/api/v1/public/statistics".into()),
        "exportNeeds" => get(format!("/api/v1/needs/export?county={county}&format=csv")),
        "exportPairings" => get(format!("/api/v1/pairings/export?county={county}&format=csv")),
        // open data: the same file for everyone; a province with nothing published is a 404
        "getIatiActivities" => get(format!("/api/v1/open-data/iati.xml?province={province}")),
        "getStatisticsTable" => {
            get(format!("/api/v1/statistics/tables/pairings?group_by=county,status&province={province}"))
        }
        "exportStatisticsTable" => get(format!(
            "/api/v1/statistics/tables/organizations/export?group_by=status&province={province}&format=csv"
        )),
        "getPublicAttachment" => get(format!("/api/v1/public/attachments/{}", pick(&w.public_attachment))),
        "listCaseCollections" => get("/api/v1/case-collections".into()),
        "createCaseCollection" => post(
            "/api/v1/case-collections".into(),
            json!({"title": "案例征集", "year": 2027, "deadline": "2027-10-31"}),
        ),
        "getCaseCollection" => get(format!("/api/v1/case-collections/{}", w.collection)),
        "updateCaseCollection" => {
            let path = format!("/api/v1/case-collections/{}", w.collection);
            let current = app.get(&path, &w.admin).await.body["title"].clone();
            changing(Method::PATCH, path, json!({"title": current}))
        }
        // An open collection cannot be published before it closes: 409 for national admins.
        "transitionCaseCollection" => changing(
            Method::POST,
            format!("/api/v1/case-collections/{}/transitions", w.collection),
            json!({"to": "published", "reason": "矩阵"}),
        ),
        "listCases" => get(format!("/api/v1/cases?province={province}")),
        "createCase" => post(
            "/api/v1/cases".into(),
            json!({"collection_id": w.collection, "title": format!("案例{n}"), "organization_id": pick(&w.org), "line": "development"}),
        ),
        "exportCases" => get(format!("/api/v1/cases/export?province={province}")),
        "getCase" => get(format!("/api/v1/cases/{}", pick(&w.case))),
        "updateCase" => {
            let path = format!("/api/v1/cases/{}", pick(&w.case));
            let current = app.get(&path, &w.admin).await.body["title"].clone();
            changing(Method::PATCH, path, json!({"title": current}))
        }
        // A draft cannot be named typical: 409 for whoever sees it.
        "transitionCase" => changing(
            Method::POST,
            format!("/api/v1/cases/{}/transitions", pick(&w.case)),
            json!({"to": "typical", "reason": "矩阵"}),
        ),
        "listCaseAttachments" => get(format!("/api/v1/cases/{}/attachments", pick(&w.case))),
        "createCaseAttachment" => call(
            Method::POST,
            format!("/api/v1/cases/{}/attachments?filename=a.pdf", pick(&w.case)),
            Body::Raw("application/pdf", PDF.into()),
        ),
        "getCaseAttachment" => get(format!("/api/v1/cases/{}/attachments/{}", pick(&w.case), pick(&w.case_attachment))),
        "deleteCaseAttachment" => {
            let case = pick(&w.case);
            let r = app
                .client
                .post(format!("{}/api/v1/cases/{case}/attachments", app.base))
                .bearer_auth(w.admin.clone())
                .body(PDF)
                .send()
                .await
                .expect("sent");
            let a = r.json::<Value>().await.expect("json")["id"].as_str().expect("id").to_owned();
            call(Method::DELETE, format!("/api/v1/cases/{case}/attachments/{a}"), Body::None)
        }
        "listIndicatorMetrics" => get("/api/v1/indicator-metrics".into()),
        "listIndicatorFrameworks" => get("/api/v1/indicator-frameworks".into()),
        "createIndicatorFramework" => post(
            "/api/v1/indicator-frameworks".into(),
            json!({"name": format!("体系{n}"), "subject_type": "organization"}),
        ),
        // In scope: an active framework (read by all) or, for writes, the draft.
        "getIndicatorFramework" => get(format!("/api/v1/indicator-frameworks/{}", pick(&w.framework))),
        "updateIndicatorFramework" => {
            let f = if inside { &w.framework.1 } else { &w.framework.0 };
            let path = format!("/api/v1/indicator-frameworks/{f}");
            let current = app.get(&path, &w.admin).await.body["name"].clone();
            changing(Method::PATCH, path, json!({"name": current}))
        }
        // Back to draft is no move from draft or active: 409 for whoever sees the framework.
        "transitionIndicatorFramework" => {
            let f = if inside { &w.framework.1 } else { &w.framework.0 };
            changing(
                Method::POST,
                format!("/api/v1/indicator-frameworks/{f}/transitions"),
                json!({"to": "draft", "reason": "矩阵"}),
            )
        }
        "copyIndicatorFramework" => {
            post(format!("/api/v1/indicator-frameworks/{}/copy", pick(&w.framework)), json!({}))
        }
        "listEvaluationRounds" => get("/api/v1/evaluation-rounds".into()),
        "createEvaluationRound" => post(
            "/api/v1/evaluation-rounds".into(),
            json!({"name": format!("评估{n}"), "year": 2026, "period_start": "2026-01-01", "period_end": "2026-12-31",
                   "framework_id": w.framework.0, "subject_filter": "listed", "subject_ids": [pick(&w.org)]}),
        ),
        "getEvaluationRound" => get(format!("/api/v1/evaluation-rounds/{}", pick(&w.round))),
        "updateEvaluationRound" => {
            let r = if inside { &w.round_draft } else { &w.round.1 };
            let path = format!("/api/v1/evaluation-rounds/{r}");
            let current = app.get(&path, &w.admin).await.body["name"].clone();
            changing(Method::PATCH, path, json!({"name": current}))
        }
        "transitionEvaluationRound" => {
            let r = if inside { &w.round_draft } else { &w.round.1 };
            changing(
                Method::POST,
                format!("/api/v1/evaluation-rounds/{r}/transitions"),
                json!({"to": "published", "reason": "矩阵"}),
            )
        }
        "snapshotEvaluationRound" => {
            let r = if inside { &w.round.1 } else { &w.round_draft };
            post(format!("/api/v1/evaluation-rounds/{r}/snapshot"), json!({}))
        }
        "listRoundSubjects" => {
            let r = if inside { &w.round.1 } else { &w.round_draft };
            get(format!("/api/v1/evaluation-rounds/{r}/subjects?q=测试"))
        }
        "listRoundAssignments" => {
            let r = if inside { &w.round.1 } else { &w.round_draft };
            get(format!("/api/v1/evaluation-rounds/{r}/assignments"))
        }
        // Out of scope: a fresh draft round, so that proposing never makes the matrix's expert
        // one of the shared draft round's.
        "createRoundAssignments" => {
            let r = if inside {
                w.round.1.clone()
            } else {
                let body = json!({"name": format!("评估{n}"), "year": 2026, "period_start": "2026-01-01", "period_end": "2026-12-31",
                                  "framework_id": w.framework.0, "subject_filter": "listed", "subject_ids": [w.org.1]});
                id(&app.post("/api/v1/evaluation-rounds", &w.admin, body).await)
            };
            post(format!("/api/v1/evaluation-rounds/{r}/assignments"), json!({"propose": true}))
        }
        "listEvaluationResults" => get(format!("/api/v1/evaluation-rounds/{}/results", pick(&w.round))),
        "exportEvaluationResults" => {
            get(format!("/api/v1/evaluation-rounds/{}/results/export?format=csv", pick(&w.round)))
        }
        "getEvaluationResult" => get(format!("/api/v1/evaluation-rounds/{}/results/{}", w.round.0, pick(&w.org))),
        "listMyAssignments" => get("/api/v1/me/assignments".into()),
        "getAssignment" => get(format!("/api/v1/assignments/{}", pick(&w.assignment))),
        "getAssignmentScores" => get(format!("/api/v1/assignments/{}/scores", pick(&w.assignment))),
        "putAssignmentScores" => {
            changing(Method::PUT, format!("/api/v1/assignments/{}/scores", pick(&w.assignment)), json!({"scores": []}))
        }
        "transitionAssignment" => changing(
            Method::POST,
            format!("/api/v1/assignments/{}/transitions", pick(&w.assignment)),
            json!({"to": "assigned", "reason": "矩阵"}),
        ),
        "getMyTies" => get("/api/v1/me/ties".into()),
        "putMyTies" => call(Method::PUT, "/api/v1/me/ties", Body::Json(json!({"ties": []}))),
        "listSelections" => get("/api/v1/selections".into()),
        // Brand selections of distinct years: the fixture's is an organization one.
        "createSelection" => {
            post("/api/v1/selections".into(), json!({"year": 2021 + i64::from(n % 80), "kind": "well_known_brand"}))
        }
        "getSelection" => get(format!("/api/v1/selections/{}", w.selection)),
        "updateSelection" => {
            let path = format!("/api/v1/selections/{}", w.selection);
            let current = app.get(&path, &w.admin).await.body["title"].clone();
            changing(Method::PATCH, path, json!({"title": current}))
        }
        "transitionSelection" => changing(
            Method::POST,
            format!("/api/v1/selections/{}/transitions", w.selection),
            json!({"to": "published", "reason": "矩阵"}),
        ),
        "listNominations" => get(format!("/api/v1/selections/{}/nominations", w.selection)),
        "createNomination" => post(
            format!("/api/v1/selections/{}/nominations", w.selection),
            json!({"subject_id": fresh_org().await, "reason": "成效突出"}),
        ),
        "getNomination" => get(format!("/api/v1/nominations/{}", pick(&w.nomination))),
        // Decided while reviewing only: 409 for the admin now, 403 for the province (it withdraws).
        "transitionNomination" => changing(
            Method::POST,
            format!("/api/v1/nominations/{}/transitions", pick(&w.nomination)),
            json!({"to": "selected", "reason": "矩阵"}),
        ),
        "listIncidents" => get("/api/v1/incidents".into()),
        "createIncident" => post(
            "/api/v1/incidents".into(),
            json!({"title": "矩阵事件", "kind": "other", "severity": "low", "organization_id": pick(&w.org),
                   "county_code": county, "occurred_at": "2026-06-01T08:00:00Z", "description": "矩阵"}),
        ),
        "getIncident" => get(format!("/api/v1/incidents/{}", pick(&w.incident))),
        "updateIncident" => {
            let path = format!("/api/v1/incidents/{}", pick(&w.incident));
            let current = app.get(&path, &w.admin).await.body["title"].clone();
            changing(Method::PATCH, path, json!({"title": current}))
        }
        // reported cannot be resolved at once: 409 for whoever sees it
        "transitionIncident" => changing(
            Method::POST,
            format!("/api/v1/incidents/{}/transitions", pick(&w.incident)),
            json!({"to": "resolved", "reason": "矩阵"}),
        ),
        "listIncidentActions" => get(format!("/api/v1/incidents/{}/actions", pick(&w.incident))),
        "createIncidentAction" => {
            post(format!("/api/v1/incidents/{}/actions", pick(&w.incident)), json!({"note": "电话核实情况"}))
        }
        "getRisks" => get(format!("/api/v1/risks?county={county}")),
        "listTrainings" => get("/api/v1/trainings".into()),
        "createTraining" => post(
            "/api/v1/trainings".into(),
            json!({"title": "矩阵培训", "organizer_level": "provincial", "province_code": province,
                   "starts_on": "2026-09-01", "ends_on": "2026-09-01", "mode": "online"}),
        ),
        "exportTrainings" => get("/api/v1/trainings/export".into()),
        "getTraining" => get(format!("/api/v1/trainings/{}", pick(&w.training))),
        "updateTraining" => {
            let path = format!("/api/v1/trainings/{}", pick(&w.training));
            let current = app.get(&path, &w.admin).await.body["title"].clone();
            changing(Method::PATCH, path, json!({"title": current}))
        }
        // planned to planned is no move: 409 for everyone, who all see trainings
        "transitionTraining" => changing(
            Method::POST,
            format!("/api/v1/trainings/{}/transitions", pick(&w.training)),
            json!({"to": "planned", "reason": "矩阵"}),
        ),
        "listTrainingParticipants" => get(format!("/api/v1/trainings/{}/participants", pick(&w.training))),
        "putTrainingParticipant" => post(
            format!("/api/v1/trainings/{}/participants", pick(&w.training)),
            json!({"organization_id": pick(&w.org), "head_count": 3}),
        ),
        "importTrainingParticipants" => call(
            Method::POST,
            format!("/api/v1/trainings/{}/participants/import", pick(&w.training)),
            Body::Raw("text/csv", "组织名称,人数\n测试社会组织1,2\n".into()),
        ),
        "listYearEndReports" => get("/api/v1/year-end-reports?year=2026".into()),
        // a year of its own per call: one report per province and year
        "createYearEndReport" => {
            post("/api/v1/year-end-reports".into(), json!({"year": 2030 + n % 60, "province_code": province}))
        }
        "getYearEndReport" => get(format!("/api/v1/year-end-reports/{}", pick(&w.report))),
        "updateYearEndReport" => {
            let path = format!("/api/v1/year-end-reports/{}", pick(&w.report));
            let current = app.get(&path, &w.admin).await.body["sections"]["work"].clone();
            changing(Method::PATCH, path, json!({"sections": {"work": current}}))
        }
        // a signature stays: each call signs a report of its own (四川's, of a year of its own)
        "signYearEndReport" => {
            let report = if inside {
                let fresh =
                    app.post("/api/v1/year-end-reports", &w.report_officers.0, json!({"year": 2030 + n % 60})).await;
                id(&fresh)
            } else {
                w.report.1.clone()
            };
            let path = format!("/api/v1/year-end-reports/{report}");
            Call { method: Method::POST, path: format!("{path}/signatures"), body: Body::None, if_match_of: Some(path) }
        }
        // a draft cannot be accepted: 409 for whoever sees it
        "transitionYearEndReport" => changing(
            Method::POST,
            format!("/api/v1/year-end-reports/{}/transitions", pick(&w.report)),
            json!({"to": "accepted", "reason": "矩阵"}),
        ),
        "listYearEndReportVersions" => get(format!("/api/v1/year-end-reports/{}/versions", pick(&w.report))),
        "getYearEndReportPdf" => get(format!("/api/v1/year-end-reports/{}.pdf", pick(&w.report))),
        "listYearEndReportAttachments" => get(format!("/api/v1/year-end-reports/{}/attachments", pick(&w.report))),
        "createYearEndReportAttachment" => call(
            Method::POST,
            format!("/api/v1/year-end-reports/{}/attachments?filename=plan.pdf", pick(&w.report)),
            Body::Raw("application/pdf", PDF.into()),
        ),
        "getYearEndReportAttachment" => {
            get(format!("/api/v1/year-end-reports/{}/attachments/{}", pick(&w.report), pick(&w.report_attachment)))
        }
        "deleteYearEndReportAttachment" => {
            let report = pick(&w.report);
            let a = report_attachment(app, &report, World::pick(&w.report_officers, inside)).await;
            call(Method::DELETE, format!("/api/v1/year-end-reports/{report}/attachments/{a}"), Body::None)
        }
        "getYearEndBoard" => get("/api/v1/year-end-reports/board?year=2026".into()),
        "setYearEndDeadline" => {
            call(Method::PUT, "/api/v1/year-end-reports/deadlines/2026", Body::Json(json!({"deadline": "2026-12-31"})))
        }
        "remindYearEndReports" => {
            post("/api/v1/year-end-reports/reminders".into(), json!({"year": 2026, "province_codes": [province]}))
        }
        "exportYearEndReports" => get("/api/v1/year-end-reports/export?year=2026".into()),
        "downloadYearEndReportPdfs" => get("/api/v1/year-end-reports/pdfs?year=2026".into()),
        "listMyNotifications" => get("/api/v1/me/notifications".into()),
        "markNotificationsRead" => post("/api/v1/me/notifications/read".into(), json!({"all": true})),
        _ => return None,
    })
}

async fn send(app: &TestApp, w: &World, c: Call, token: Option<&str>) -> u16 {
    let mut req = app.client.request(c.method, format!("{}{}", app.base, c.path));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if let Some(path) = &c.if_match_of {
        req = req.header("if-match", app.get(path, &w.admin).await.etag());
    }
    req = match c.body {
        Body::None => req,
        Body::Json(v) => req.json(&v),
        Body::Raw(t, text) => req.header("content-type", t).body(text),
    };
    req.send().await.expect("request sent").status().as_u16()
}

#[actix_web::test]
async fn every_operation_answers_every_role_as_the_table_says() {
    let doc: Value = serde_json::from_str(&zhuxiang::openapi::document()).expect("json");
    // operationId → the statuses the contract declares.
    let mut operations: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for item in doc["paths"].as_object().expect("paths").values() {
        for op in item.as_object().expect("item").values() {
            let id = op["operationId"].as_str().expect("operationId").to_owned();
            operations.insert(id, op["responses"].as_object().expect("responses").keys().cloned().collect());
        }
    }
    let table: BTreeMap<&str, &[&str; 8]> = EXPECTED.iter().map(|(op, row)| (*op, row)).collect();
    let printing = std::env::var("MATRIX_PRINT").is_ok();
    let missing: Vec<&String> = operations.keys().filter(|op| !table.contains_key(op.as_str())).collect();
    assert!(printing || missing.is_empty(), "operations in the contract without a row in EXPECTED: {missing:?}");
    let stale: Vec<&&str> = table.keys().filter(|op| !operations.contains_key(**op)).collect();
    assert!(stale.is_empty(), "rows for operations no longer in the contract: {stale:?}");

    let app = TestApp::spawn().await;
    let w = world(&app).await;
    let mut wrong = vec![];
    let mut undeclared = vec![];
    let mut printed = vec![];
    let mut cells = 0;
    for (op, declared) in &operations {
        let mut row = vec![];
        for (i, role) in ROLES.iter().enumerate() {
            let mut pair = vec![];
            for inside in [true, false] {
                let c = request(&app, &w, op, inside).await.unwrap_or_else(|| panic!("{op}: no request in matrix.rs"));
                let token = w.tokens.get(role).map(String::as_str);
                let status = send(&app, &w, c, token).await;
                cells += 1;
                let scope = if inside { "in" } else { "out" };
                let known = KNOWN_DEFECTS.iter().any(|(o, r, _)| o == op && r == role);
                if !declared.contains(&status.to_string()) && !known {
                    undeclared.push(format!("{op} as {role} ({scope}): {status} is not declared"));
                }
                let expected = table.get(op.as_str()).and_then(|r| r[i].split('/').nth(usize::from(!inside)));
                if expected.is_some_and(|e| e != status.to_string()) {
                    wrong.push(format!("{op} as {role} ({scope}): expected {}, got {status}", expected.unwrap_or("?")));
                }
                pair.push(status.to_string());
            }
            row.push(format!("\"{}\"", pair.join("/")));
        }
        printed.push(format!("    ({:<28} [{}]),", format!("\"{op}\","), row.join(", ")));
    }
    if printing {
        println!("{}", printed.join("\n"));
    }
    println!(
        "authorization matrix: {} operations × {} callers × in/out = {cells} cells",
        operations.len(),
        ROLES.len()
    );
    assert!(wrong.is_empty(), "{} cells differ from EXPECTED:\n{}", wrong.len(), wrong.join("\n"));
    assert!(undeclared.is_empty(), "answers the contract does not declare:\n{}", undeclared.join("\n"));
}
