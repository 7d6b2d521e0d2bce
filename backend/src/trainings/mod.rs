//! Trainings (强化组织培训): national, provincial and county trainings, the organizations
//! trained with their head counts (added or imported), attendance confirmed once held, and
//! exports; an organization's page lists the trainings it attended (`?organization=`).

pub mod export;
pub mod model;
pub mod participants;
pub mod routes;
pub mod store;

/// The family's endpoints, listed once (`routing.rs`).
pub fn register(r: &mut crate::routing::Routes) {
    r.tag("trainings", "Trainings of organizations (组织培训)");
    crate::routes!(r;
        routes::list_trainings, routes::create_training,
        // a fixed path before `/trainings/{id}`
        export::export_trainings,
        routes::get_training, routes::update_training, routes::transition_training,
        participants::list_training_participants, participants::put_training_participant,
        participants::import_training_participants,
    );
    r.export(&export::LISTED);
}
