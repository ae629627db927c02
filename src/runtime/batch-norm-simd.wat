;; Batch norm's passes over an [rows, c] float32 matrix (NHWC activations), in WebAssembly SIMD, on
;; the tfjs wasm backend's own memory (imported), so no value is copied. Pointers are byte offsets into
;; that memory; per-channel arrays are f64[c] or f32[c]. Channels go 4 at a time, then one at a time
;; for the c mod 4 left over. Sums run in double, in row order: the same inputs give the same bits.
;; Assembled by scripts/assemble-batch-norm-simd.ts into src/runtime/batch-norm-simd-binary.ts
;; (once with this memory import, once with a shared one for the threaded build).
(module
  (import "env" "memory" (memory 1))

  ;; sum[k] += x − shift[k], sumSquares[k] += (x − shift[k])², over every row (f64 arrays, zeroed).
  (func (export "moments")
    (param $x i32) (param $rows i32) (param $c i32)
    (param $shift i32) (param $sum i32) (param $sumSquares i32)
    (local $o i32) (local $o8 i32) (local $c4 i32) (local $cv4 i32)
    (local $v v128) (local $lo v128) (local $hi v128) (local $d f64)
    (local.set $c4 (i32.shl (local.get $c) (i32.const 2)))
    (local.set $cv4 (i32.and (local.get $c4) (i32.const -16)))
    (block $done
      (br_if $done (i32.eqz (local.get $rows)))
      (loop $row
        (local.set $o (i32.const 0))
        (block $vectorsDone
          (br_if $vectorsDone (i32.ge_u (local.get $o) (local.get $cv4)))
          (loop $vectors
            (local.set $o8 (i32.shl (local.get $o) (i32.const 1)))
            (local.set $v (v128.load (i32.add (local.get $x) (local.get $o))))
            (local.set $lo
              (f64x2.sub
                (f64x2.promote_low_f32x4 (local.get $v))
                (v128.load (i32.add (local.get $shift) (local.get $o8)))))
            (local.set $hi
              (f64x2.sub
                (f64x2.promote_low_f32x4
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))
                (v128.load offset=16 (i32.add (local.get $shift) (local.get $o8)))))
            (v128.store (i32.add (local.get $sum) (local.get $o8))
              (f64x2.add (v128.load (i32.add (local.get $sum) (local.get $o8))) (local.get $lo)))
            (v128.store offset=16 (i32.add (local.get $sum) (local.get $o8))
              (f64x2.add (v128.load offset=16 (i32.add (local.get $sum) (local.get $o8))) (local.get $hi)))
            (v128.store (i32.add (local.get $sumSquares) (local.get $o8))
              (f64x2.add
                (v128.load (i32.add (local.get $sumSquares) (local.get $o8)))
                (f64x2.mul (local.get $lo) (local.get $lo))))
            (v128.store offset=16 (i32.add (local.get $sumSquares) (local.get $o8))
              (f64x2.add
                (v128.load offset=16 (i32.add (local.get $sumSquares) (local.get $o8)))
                (f64x2.mul (local.get $hi) (local.get $hi))))
            (local.set $o (i32.add (local.get $o) (i32.const 16)))
            (br_if $vectors (i32.lt_u (local.get $o) (local.get $cv4)))))
        (block $scalarsDone
          (br_if $scalarsDone (i32.ge_u (local.get $o) (local.get $c4)))
          (loop $scalars
            (local.set $o8 (i32.shl (local.get $o) (i32.const 1)))
            (local.set $d
              (f64.sub
                (f64.promote_f32 (f32.load (i32.add (local.get $x) (local.get $o))))
                (f64.load (i32.add (local.get $shift) (local.get $o8)))))
            (f64.store (i32.add (local.get $sum) (local.get $o8))
              (f64.add (f64.load (i32.add (local.get $sum) (local.get $o8))) (local.get $d)))
            (f64.store (i32.add (local.get $sumSquares) (local.get $o8))
              (f64.add
                (f64.load (i32.add (local.get $sumSquares) (local.get $o8)))
                (f64.mul (local.get $d) (local.get $d))))
            (local.set $o (i32.add (local.get $o) (i32.const 4)))
            (br_if $scalars (i32.lt_u (local.get $o) (local.get $c4)))))
        (local.set $x (i32.add (local.get $x) (local.get $c4)))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
        (br_if $row (local.get $rows)))))

  ;; y = x·scale[k] + shift[k] (f32 arrays), or max(0, that) when relu is 1.
  (func (export "scale_shift")
    (param $x i32) (param $y i32) (param $rows i32) (param $c i32)
    (param $scale i32) (param $shift i32) (param $relu i32)
    (local $o i32) (local $c4 i32) (local $cv4 i32) (local $floor v128) (local $f f32)
    (local.set $c4 (i32.shl (local.get $c) (i32.const 2)))
    (local.set $cv4 (i32.and (local.get $c4) (i32.const -16)))
    ;; −∞ lets every value through; 0 is the ReLU.
    (local.set $f (select (f32.const 0) (f32.const -inf) (local.get $relu)))
    (local.set $floor (f32x4.splat (local.get $f)))
    (block $done
      (br_if $done (i32.eqz (local.get $rows)))
      (loop $row
        (local.set $o (i32.const 0))
        (block $vectorsDone
          (br_if $vectorsDone (i32.ge_u (local.get $o) (local.get $cv4)))
          (loop $vectors
            (v128.store (i32.add (local.get $y) (local.get $o))
              (f32x4.max
                (f32x4.add
                  (f32x4.mul
                    (v128.load (i32.add (local.get $x) (local.get $o)))
                    (v128.load (i32.add (local.get $scale) (local.get $o))))
                  (v128.load (i32.add (local.get $shift) (local.get $o))))
                (local.get $floor)))
            (local.set $o (i32.add (local.get $o) (i32.const 16)))
            (br_if $vectors (i32.lt_u (local.get $o) (local.get $cv4)))))
        (block $scalarsDone
          (br_if $scalarsDone (i32.ge_u (local.get $o) (local.get $c4)))
          (loop $scalars
            (f32.store (i32.add (local.get $y) (local.get $o))
              (f32.max
                (f32.add
                  (f32.mul
                    (f32.load (i32.add (local.get $x) (local.get $o)))
                    (f32.load (i32.add (local.get $scale) (local.get $o))))
                  (f32.load (i32.add (local.get $shift) (local.get $o))))
                (local.get $f)))
            (local.set $o (i32.add (local.get $o) (i32.const 4)))
            (br_if $scalars (i32.lt_u (local.get $o) (local.get $c4)))))
        (local.set $x (i32.add (local.get $x) (local.get $c4)))
        (local.set $y (i32.add (local.get $y) (local.get $c4)))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
        (br_if $row (local.get $rows)))))

  ;; sumDy[k] += dy, sumDyX[k] += dy·(x − mean[k]), over every row (f64 arrays, sums zeroed).
  (func (export "gradient_sums")
    (param $dy i32) (param $x i32) (param $rows i32) (param $c i32)
    (param $mean i32) (param $sumDy i32) (param $sumDyX i32)
    (local $o i32) (local $o8 i32) (local $c4 i32) (local $cv4 i32)
    (local $g v128) (local $v v128) (local $glo v128) (local $ghi v128) (local $lo v128) (local $hi v128)
    (local $gs f64)
    (local.set $c4 (i32.shl (local.get $c) (i32.const 2)))
    (local.set $cv4 (i32.and (local.get $c4) (i32.const -16)))
    (block $done
      (br_if $done (i32.eqz (local.get $rows)))
      (loop $row
        (local.set $o (i32.const 0))
        (block $vectorsDone
          (br_if $vectorsDone (i32.ge_u (local.get $o) (local.get $cv4)))
          (loop $vectors
            (local.set $o8 (i32.shl (local.get $o) (i32.const 1)))
            (local.set $g (v128.load (i32.add (local.get $dy) (local.get $o))))
            (local.set $v (v128.load (i32.add (local.get $x) (local.get $o))))
            (local.set $glo (f64x2.promote_low_f32x4 (local.get $g)))
            (local.set $ghi
              (f64x2.promote_low_f32x4
                (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $g) (local.get $g))))
            (local.set $lo
              (f64x2.sub
                (f64x2.promote_low_f32x4 (local.get $v))
                (v128.load (i32.add (local.get $mean) (local.get $o8)))))
            (local.set $hi
              (f64x2.sub
                (f64x2.promote_low_f32x4
                  (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $v) (local.get $v)))
                (v128.load offset=16 (i32.add (local.get $mean) (local.get $o8)))))
            (v128.store (i32.add (local.get $sumDy) (local.get $o8))
              (f64x2.add (v128.load (i32.add (local.get $sumDy) (local.get $o8))) (local.get $glo)))
            (v128.store offset=16 (i32.add (local.get $sumDy) (local.get $o8))
              (f64x2.add (v128.load offset=16 (i32.add (local.get $sumDy) (local.get $o8))) (local.get $ghi)))
            (v128.store (i32.add (local.get $sumDyX) (local.get $o8))
              (f64x2.add
                (v128.load (i32.add (local.get $sumDyX) (local.get $o8)))
                (f64x2.mul (local.get $glo) (local.get $lo))))
            (v128.store offset=16 (i32.add (local.get $sumDyX) (local.get $o8))
              (f64x2.add
                (v128.load offset=16 (i32.add (local.get $sumDyX) (local.get $o8)))
                (f64x2.mul (local.get $ghi) (local.get $hi))))
            (local.set $o (i32.add (local.get $o) (i32.const 16)))
            (br_if $vectors (i32.lt_u (local.get $o) (local.get $cv4)))))
        (block $scalarsDone
          (br_if $scalarsDone (i32.ge_u (local.get $o) (local.get $c4)))
          (loop $scalars
            (local.set $o8 (i32.shl (local.get $o) (i32.const 1)))
            (local.set $gs (f64.promote_f32 (f32.load (i32.add (local.get $dy) (local.get $o)))))
            (f64.store (i32.add (local.get $sumDy) (local.get $o8))
              (f64.add (f64.load (i32.add (local.get $sumDy) (local.get $o8))) (local.get $gs)))
            (f64.store (i32.add (local.get $sumDyX) (local.get $o8))
              (f64.add
                (f64.load (i32.add (local.get $sumDyX) (local.get $o8)))
                (f64.mul
                  (local.get $gs)
                  (f64.sub
                    (f64.promote_f32 (f32.load (i32.add (local.get $x) (local.get $o))))
                    (f64.load (i32.add (local.get $mean) (local.get $o8)))))))
            (local.set $o (i32.add (local.get $o) (i32.const 4)))
            (br_if $scalars (i32.lt_u (local.get $o) (local.get $c4)))))
        (local.set $dy (i32.add (local.get $dy) (local.get $c4)))
        (local.set $x (i32.add (local.get $x) (local.get $c4)))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
        (br_if $row (local.get $rows)))))

  ;; dx = dy·a[k] + (x − mean[k])·b[k] + d[k] (f32 arrays).
  (func (export "input_gradient")
    (param $dy i32) (param $x i32) (param $dx i32) (param $rows i32) (param $c i32)
    (param $a i32) (param $mean i32) (param $b i32) (param $d i32)
    (local $o i32) (local $c4 i32) (local $cv4 i32)
    (local.set $c4 (i32.shl (local.get $c) (i32.const 2)))
    (local.set $cv4 (i32.and (local.get $c4) (i32.const -16)))
    (block $done
      (br_if $done (i32.eqz (local.get $rows)))
      (loop $row
        (local.set $o (i32.const 0))
        (block $vectorsDone
          (br_if $vectorsDone (i32.ge_u (local.get $o) (local.get $cv4)))
          (loop $vectors
            (v128.store (i32.add (local.get $dx) (local.get $o))
              (f32x4.add
                (f32x4.add
                  (f32x4.mul
                    (v128.load (i32.add (local.get $dy) (local.get $o)))
                    (v128.load (i32.add (local.get $a) (local.get $o))))
                  (f32x4.mul
                    (f32x4.sub
                      (v128.load (i32.add (local.get $x) (local.get $o)))
                      (v128.load (i32.add (local.get $mean) (local.get $o))))
                    (v128.load (i32.add (local.get $b) (local.get $o)))))
                (v128.load (i32.add (local.get $d) (local.get $o)))))
            (local.set $o (i32.add (local.get $o) (i32.const 16)))
            (br_if $vectors (i32.lt_u (local.get $o) (local.get $cv4)))))
        (block $scalarsDone
          (br_if $scalarsDone (i32.ge_u (local.get $o) (local.get $c4)))
          (loop $scalars
            (f32.store (i32.add (local.get $dx) (local.get $o))
              (f32.add
                (f32.add
                  (f32.mul
                    (f32.load (i32.add (local.get $dy) (local.get $o)))
                    (f32.load (i32.add (local.get $a) (local.get $o))))
                  (f32.mul
                    (f32.sub
                      (f32.load (i32.add (local.get $x) (local.get $o)))
                      (f32.load (i32.add (local.get $mean) (local.get $o))))
                    (f32.load (i32.add (local.get $b) (local.get $o)))))
                (f32.load (i32.add (local.get $d) (local.get $o)))))
            (local.set $o (i32.add (local.get $o) (i32.const 4)))
            (br_if $scalars (i32.lt_u (local.get $o) (local.get $c4)))))
        (local.set $dy (i32.add (local.get $dy) (local.get $c4)))
        (local.set $x (i32.add (local.get $x) (local.get $c4)))
        (local.set $dx (i32.add (local.get $dx) (local.get $c4)))
        (local.set $rows (i32.sub (local.get $rows) (i32.const 1)))
        (br_if $row (local.get $rows))))))
