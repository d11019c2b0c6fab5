//! Request building (written separately).
