"""The `mag` evaluators ``natal codegen`` lists and builds, and the numerics load by name.

``"mag.dB_dt"`` is the largest and the one benchmarks/run.py times.
"""

from natal.derivations.mag import magnetogenesis as _mag

EVALUATORS = {f"mag.{factory.__name__}": factory
              for factory in (_mag.weak_charges, _mag.dBz_dt, _mag.force, _mag.dB_dt, _mag.core_density,
                              _mag.angular_momentum, _mag.spin_up, _mag.collapse_rate, _mag.enclosed_mass)}
