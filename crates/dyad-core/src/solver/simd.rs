//! Wider vectors where the processor has them.
//!
//! The solver's and the scorer's sweeps are written as plain loops over lanes of four `f64`s,
//! which the compiler turns into SIMD for whatever instruction set the build targets — by
//! default SSE2, two lanes wide. [`multiversion!`] compiles such a sweep a second time for AVX2
//! (four lanes) and picks that copy at run time when the processor supports it, which on a
//! current x86-64 machine makes the sweeps up to twice as fast. Both copies do the same IEEE
//! operations in the same order (Rust never fuses or reorders floating-point arithmetic), so
//! their results are identical bit for bit: the choice affects speed only.

/// Defines `fn $name(args) -> ret` that calls the `#[inline(always)]` function `$generic`,
/// compiled for AVX2 when the processor supports it (checked once, then cached by the standard
/// library) and as is otherwise.
macro_rules! multiversion {
    ($(#[$attr:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $(-> $ret:ty)? = $generic:path;) => {
        $(#[$attr])*
        #[inline]
        $vis fn $name($($arg: $ty),*) $(-> $ret)? {
            #[cfg(target_arch = "x86_64")]
            {
                #[target_feature(enable = "avx2")]
                unsafe fn wide($($arg: $ty),*) $(-> $ret)? {
                    $generic($($arg),*)
                }
                if std::arch::is_x86_feature_detected!("avx2") {
                    // SAFETY: `wide` only needs AVX2, which the processor was just found to
                    // support; it is otherwise the same safe function.
                    return unsafe { wide($($arg),*) };
                }
            }
            $generic($($arg),*)
        }
    };
}

pub(crate) use multiversion;
