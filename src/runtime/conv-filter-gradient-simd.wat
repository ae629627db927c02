;; The filter gradient of a 2-D convolution (NHWC) in WebAssembly SIMD, on the tfjs wasm backend's own
;; memory (imported), so no value is copied and no operand is transposed:
;;   dw[p, q, c, o] += Σ_{b, i, j} xp[b, i·sh + p, j·sw + q, c] · dy[b, i, j, o]
;; with xp the forward input already padded, dw [kh, kw, ci, co] zeroed by the caller. Pointers are byte
;; offsets into that memory. Output channels go 8 at a time (co must be a multiple of 8), input channels
;; 4 at a time with 8 accumulators in registers, then one at a time for the ci mod 4 left over. Every
;; output row of dy is one pass over wo positions per tap and tile, so the rows of x it reads stay in
;; the cache; the sums run in f32 in a fixed order (b, i, then j): the same inputs give the same bits.
;; Assembled by scripts/assemble-wasm-kernels.ts into src/runtime/conv-filter-gradient-simd-binary.ts
;; (once with this memory import, once with a shared one for the threaded build).
(module
  (import "env" "memory" (memory 1))

  ;; acc[r, 0..8] += Σ_j x[j·xStep + 4r] · dy[j·dyStep + 0..8] for r in 0..4; acc's rows rowBytes apart.
  (func $tile4
    (param $x i32) (param $dy i32) (param $acc i32) (param $count i32)
    (param $xStep i32) (param $dyStep i32) (param $rowBytes i32)
    (local $r1 i32) (local $r2 i32) (local $r3 i32)
    (local $a00 v128) (local $a01 v128) (local $a10 v128) (local $a11 v128)
    (local $a20 v128) (local $a21 v128) (local $a30 v128) (local $a31 v128)
    (local $d0 v128) (local $d1 v128) (local $s v128)
    (local.set $r1 (i32.add (local.get $acc) (local.get $rowBytes)))
    (local.set $r2 (i32.add (local.get $r1) (local.get $rowBytes)))
    (local.set $r3 (i32.add (local.get $r2) (local.get $rowBytes)))
    (local.set $a00 (v128.load (local.get $acc)))
    (local.set $a01 (v128.load offset=16 (local.get $acc)))
    (local.set $a10 (v128.load (local.get $r1)))
    (local.set $a11 (v128.load offset=16 (local.get $r1)))
    (local.set $a20 (v128.load (local.get $r2)))
    (local.set $a21 (v128.load offset=16 (local.get $r2)))
    (local.set $a30 (v128.load (local.get $r3)))
    (local.set $a31 (v128.load offset=16 (local.get $r3)))
    (loop $positions
      (local.set $d0 (v128.load (local.get $dy)))
      (local.set $d1 (v128.load offset=16 (local.get $dy)))
      (local.set $s (v128.load32_splat (local.get $x)))
      (local.set $a00 (f32x4.add (local.get $a00) (f32x4.mul (local.get $s) (local.get $d0))))
      (local.set $a01 (f32x4.add (local.get $a01) (f32x4.mul (local.get $s) (local.get $d1))))
      (local.set $s (v128.load32_splat offset=4 (local.get $x)))
      (local.set $a10 (f32x4.add (local.get $a10) (f32x4.mul (local.get $s) (local.get $d0))))
      (local.set $a11 (f32x4.add (local.get $a11) (f32x4.mul (local.get $s) (local.get $d1))))
      (local.set $s (v128.load32_splat offset=8 (local.get $x)))
      (local.set $a20 (f32x4.add (local.get $a20) (f32x4.mul (local.get $s) (local.get $d0))))
      (local.set $a21 (f32x4.add (local.get $a21) (f32x4.mul (local.get $s) (local.get $d1))))
      (local.set $s (v128.load32_splat offset=12 (local.get $x)))
      (local.set $a30 (f32x4.add (local.get $a30) (f32x4.mul (local.get $s) (local.get $d0))))
      (local.set $a31 (f32x4.add (local.get $a31) (f32x4.mul (local.get $s) (local.get $d1))))
      (local.set $x (i32.add (local.get $x) (local.get $xStep)))
      (local.set $dy (i32.add (local.get $dy) (local.get $dyStep)))
      (br_if $positions (local.tee $count (i32.sub (local.get $count) (i32.const 1)))))
    (v128.store (local.get $acc) (local.get $a00))
    (v128.store offset=16 (local.get $acc) (local.get $a01))
    (v128.store (local.get $r1) (local.get $a10))
    (v128.store offset=16 (local.get $r1) (local.get $a11))
    (v128.store (local.get $r2) (local.get $a20))
    (v128.store offset=16 (local.get $r2) (local.get $a21))
    (v128.store (local.get $r3) (local.get $a30))
    (v128.store offset=16 (local.get $r3) (local.get $a31)))

  ;; acc[0..8] += Σ_j x[j·xStep] · dy[j·dyStep + 0..8]: one input channel.
  (func $tile1
    (param $x i32) (param $dy i32) (param $acc i32) (param $count i32)
    (param $xStep i32) (param $dyStep i32)
    (local $a0 v128) (local $a1 v128) (local $s v128)
    (local.set $a0 (v128.load (local.get $acc)))
    (local.set $a1 (v128.load offset=16 (local.get $acc)))
    (loop $positions
      (local.set $s (v128.load32_splat (local.get $x)))
      (local.set $a0 (f32x4.add (local.get $a0) (f32x4.mul (local.get $s) (v128.load (local.get $dy)))))
      (local.set $a1
        (f32x4.add (local.get $a1) (f32x4.mul (local.get $s) (v128.load offset=16 (local.get $dy)))))
      (local.set $x (i32.add (local.get $x) (local.get $xStep)))
      (local.set $dy (i32.add (local.get $dy) (local.get $dyStep)))
      (br_if $positions (local.tee $count (i32.sub (local.get $count) (i32.const 1)))))
    (v128.store (local.get $acc) (local.get $a0))
    (v128.store offset=16 (local.get $acc) (local.get $a1)))

  ;; dw += the filter gradient (see the top); every count ≥ 1, co a multiple of 8.
  (func (export "filter_gradient")
    (param $xp i32) (param $dy i32) (param $dw i32)
    (param $n i32) (param $hp i32) (param $wp i32) (param $ci i32)
    (param $ho i32) (param $wo i32) (param $co i32)
    (param $kh i32) (param $kw i32) (param $sh i32) (param $sw i32)
    (local $b i32) (local $i i32) (local $p i32) (local $q i32) (local $c i32) (local $o i32)
    (local $ci4 i32) (local $ci4v i32) (local $co4 i32) (local $xStep i32)
    (local $dyRow i32) (local $xRow i32) (local $xTap i32) (local $dwTap i32)
    (local.set $ci4 (i32.shl (local.get $ci) (i32.const 2)))
    (local.set $ci4v (i32.and (local.get $ci4) (i32.const -16)))
    (local.set $co4 (i32.shl (local.get $co) (i32.const 2)))
    (local.set $xStep (i32.mul (local.get $sw) (local.get $ci4)))
    (local.set $b (i32.const 0))
    (loop $batch
      (local.set $i (i32.const 0))
      (loop $outputRows
        (local.set $dyRow
          (i32.add (local.get $dy)
            (i32.mul
              (i32.mul (i32.add (i32.mul (local.get $b) (local.get $ho)) (local.get $i)) (local.get $wo))
              (local.get $co4))))
        (local.set $p (i32.const 0))
        (loop $tapRows
          (local.set $xRow
            (i32.add (local.get $xp)
              (i32.mul
                (i32.mul
                  (i32.add
                    (i32.mul (local.get $b) (local.get $hp))
                    (i32.add (i32.mul (local.get $i) (local.get $sh)) (local.get $p)))
                  (local.get $wp))
                (local.get $ci4))))
          (local.set $q (i32.const 0))
          (loop $taps
            (local.set $xTap (i32.add (local.get $xRow) (i32.mul (local.get $q) (local.get $ci4))))
            (local.set $dwTap
              (i32.add (local.get $dw)
                (i32.mul
                  (i32.mul (i32.add (i32.mul (local.get $p) (local.get $kw)) (local.get $q)) (local.get $ci))
                  (local.get $co4))))
            (local.set $c (i32.const 0))
            (block $quadsDone
              (br_if $quadsDone (i32.ge_u (local.get $c) (local.get $ci4v)))
              (loop $quads
                (local.set $o (i32.const 0))
                (loop $octets
                  (call $tile4
                    (i32.add (local.get $xTap) (local.get $c))
                    (i32.add (local.get $dyRow) (local.get $o))
                    (i32.add (local.get $dwTap) (i32.add (i32.mul (local.get $c) (local.get $co)) (local.get $o)))
                    (local.get $wo) (local.get $xStep) (local.get $co4) (local.get $co4))
                  (br_if $octets
                    (i32.lt_u (local.tee $o (i32.add (local.get $o) (i32.const 32))) (local.get $co4))))
                (br_if $quads
                  (i32.lt_u (local.tee $c (i32.add (local.get $c) (i32.const 16))) (local.get $ci4v)))))
            (block $singlesDone
              (br_if $singlesDone (i32.ge_u (local.get $c) (local.get $ci4)))
              (loop $singles
                (local.set $o (i32.const 0))
                (loop $octets
                  (call $tile1
                    (i32.add (local.get $xTap) (local.get $c))
                    (i32.add (local.get $dyRow) (local.get $o))
                    (i32.add (local.get $dwTap) (i32.add (i32.mul (local.get $c) (local.get $co)) (local.get $o)))
                    (local.get $wo) (local.get $xStep) (local.get $co4))
                  (br_if $octets
                    (i32.lt_u (local.tee $o (i32.add (local.get $o) (i32.const 32))) (local.get $co4))))
                (br_if $singles
                  (i32.lt_u (local.tee $c (i32.add (local.get $c) (i32.const 4))) (local.get $ci4)))))
            (br_if $taps (i32.lt_u (local.tee $q (i32.add (local.get $q) (i32.const 1))) (local.get $kw))))
          (br_if $tapRows (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 1))) (local.get $kh))))
        (br_if $outputRows (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $ho))))
      (br_if $batch (i32.lt_u (local.tee $b (i32.add (local.get $b) (i32.const 1))) (local.get $n))))))
