//! What webhooks tell integrators, and where each delivery stands.

use crate::text_enum;

text_enum!(
    /// An event a webhook subscription may ask for: `<entity>.<what happened>`.
    WebhookEvent {
        /// A pairing (结对帮扶) became active.
        PairingActivated => "pairing.activated",
        /// A project landed (落地): both sides confirmed.
        ProjectLanded => "project.landed",
        /// A project's progress update was posted.
        ProjectUpdated => "project.updated",
        /// A county raised a need.
        NeedCreated => "need.created",
        /// A province submitted its year-end report.
        ReportSubmitted => "report.submitted",
        /// A public-welfare brand was recognized (认定).
        BrandRecognized => "brand.recognized",
        /// A test event sent on request (`POST /webhooks/{id}/ping`), to that subscription only.
        Ping => "ping",
    }
);

text_enum!(
    /// Where a delivery stands: waiting for its (next) attempt, delivered (a 2xx answer),
    /// failed (every attempt failed), or cancelled (its subscription was disabled first).
    DeliveryStatus {
        Pending => "pending",
        Delivered => "delivered",
        Failed => "failed",
        Cancelled => "cancelled",
    }
);
