"""Forms of the shared database's own screens."""

from __future__ import annotations

from django import forms

from aggregator.models import Item


class ItemTagsForm(forms.ModelForm):
    """An editor's correction of a shared item's pillar, topics and countries."""

    class Meta:
        model = Item
        fields = ["pillar", "topics", "countries"]
        widgets = {"topics": forms.CheckboxSelectMultiple, "countries": forms.CheckboxSelectMultiple}

    def save(self, commit: bool = True) -> Item:
        item = super().save(commit=False)
        item.classified_by_editor = True  # later feed updates leave an editor's classification alone
        if commit:
            # Only these columns: the aggregator may be rewriting the text of the same item meanwhile.
            item.save(update_fields=["pillar", "classified_by_editor"])
            self._save_m2m()
        return item
