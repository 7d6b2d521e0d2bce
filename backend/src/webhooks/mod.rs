//! Webhooks for integrators: subscriptions to events (`pairing.activated`, `project.landed`,
//! …) scoped like API tokens, events written to an outbox in the transaction of the change
//! (`outbox::emit`, called by the families where the change happens), delivered by jobs any
//! instance runs, signed (`signature`), retried with a doubling wait, logged per subscription,
//! and disabled after repeated failures (`deliver`); the log is kept 30 days (`store::forget_old`).

pub mod deliver;
pub mod model;
pub mod outbox;
pub mod routes;
pub mod signature;
pub mod store;

/// The family's endpoints and its job, listed once (`routing.rs`).
pub fn register(r: &mut crate::routing::Routes) {
    r.tag("webhooks", "Webhook subscriptions for integrators: signed event deliveries, their log, redelivery");
    r.schema::<model::WebhookPayload>();
    r.schema::<model::WebhookPayloadData>();
    r.job(crate::jobs::model::JobKind::WebhookDelivery, deliver::run);
    r.daily("webhooks", store::forget_old);
    crate::routes!(r;
        routes::list_webhooks, routes::create_webhook,
        routes::get_webhook, routes::patch_webhook, routes::delete_webhook,
        routes::list_webhook_deliveries, routes::redeliver_webhook_delivery, routes::ping_webhook,
    );
}
