"""The 使い方 (F1) text of the department window, written for the form in front: the keyboard
path it describes is the one the editor implements (:meth:`EntryEditor.tab_stops`)."""

from __future__ import annotations

import html

from welfareplan.core.evaluation_form import EvaluationForm
from welfareplan.gui.entry_inputs import is_letter


def _rating_keys(form: EvaluationForm) -> str:
    keys = [c.key for c in form.scale if c.key]
    letters = [c.code for c in form.scale if is_letter(c.code)]
    ways = [
        f"<b>{w[0]}〜{w[-1]}</b>" if len(w) > 1 else f"<b>{w[0]}</b>" for w in (keys, letters) if w
    ]
    return " または ".join(ways)


def help_text(form: EvaluationForm | None) -> str:
    labels = [f"「{html.escape(f.label)}」" for f in form.fields] if form else []
    path = " → ".join(labels) if labels else "記入欄"
    rating = form.rating_field if form else None
    rating_line = ""
    if form is not None and rating is not None:
        keys = _rating_keys(form)
        first = next((c.key for c in form.scale if c.key), "")
        ctrl = f"、どこからでも <b>Ctrl+{first}</b> などで選べます" if first else "で選べます"
        rating_line = (
            f"<li>{html.escape(rating.label)}は、Tab で選択肢に移ってキーボードの {keys} を押すと"
            f"選ばれ、その選択肢に印が移ります（矢印キーでも選べます）。マウスのクリック{ctrl}。</li>"
            if keys
            else f"<li>{html.escape(rating.label)}はクリックか矢印キーで選びます。</li>"
        )
    return f"""<h3>使い方</h3>
<ol>
<li>左の一覧から事業を選びます（<b>Ctrl+PgDown / Ctrl+PgUp</b> で次・前の事業、<b>F8</b> で次の未完了の事業）。</li>
<li>一覧で <b>Tab</b> を押すと最初の記入欄へ移ります。<b>Tab</b> ごとに {path} の順に進み、
最後の欄で <b>Tab</b> を押すと次の事業の最初の欄へ移ります。<b>Shift+Tab</b> で一つ戻り、
最初の欄からは一覧へ戻ります。</li>
{rating_line}
<li>入力は手を止めて約1秒（続けて入力していても数秒ごと）で自動保存されます（右下に「保存済み」と表示）。保存の操作は不要です。</li>
<li><b>Ctrl+F</b> でこの課の記入内容を検索できます。</li>
<li>記入が終わったら <b>印刷</b>（Ctrl+P）して課長の確認を受け、<b>提出</b>（Ctrl+Enter）します。</li>
<li>提出後、表示されたファイルを地域福祉課へ送ってください（共有フォルダ・メールなど）。</li>
</ol>
<p>文字の大きさは <b>Ctrl++ / Ctrl+-</b> で変えられます。</p>"""
