//! VFIO backend (next).
