//! The yearly rural tour (社会组织乡村行): the national admin sets each year's campaign (theme,
//! target provinces and counties), docking events are held in it, and its success is the funnel
//! of the projects docked there: docked → signed → landed → completed.

pub mod funnel;
pub mod routes;
