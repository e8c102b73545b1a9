"""The Textual game: screens, widgets and one stylesheet; it calls the layers below it."""
