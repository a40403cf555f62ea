# Python syntax the reader must take or refuse cleanly; the sakyum fixture's files are seeds too (scripts/fuzz).
from . import views
from a.b import (c as d, e,)
import os.path as p, sys


@exam.route('/exam/<int:id>/', methods=['GET', 'POST'], endpoint="x")
@login_required
async def view(id, *args, key=1, **kwargs) -> str:
    """Docstring."""
    x = y = [i * 2 for i in range(3) if i] + list({1, 2}) + [*rest]
    d = {'a': 1, **other, 'b': (lambda q: q)(2)}
    if not x and (y or z) is not None:
        return render_template('t.html', v=f'{self.a!r:>10} {{b}}', w=r'\d' 'x' "y", n=-1_000.5e-3j)
    elif x[1:2, ::3] in y not in z:
        pass; del x
    else:
        try:
            async with lock: await something()
        except (KeyError, ValueError) as error:
            raise Other() from error
        finally:
            count += 1
    while (n := n - 1) > 0: continue
    return x if y else ~z ** 2 // 3 @ m
