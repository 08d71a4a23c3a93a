//! Test support: generated input files.
pub mod synthetic;
