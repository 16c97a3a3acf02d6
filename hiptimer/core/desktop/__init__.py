"""Files hiptimer gives the desktop: the menu launcher, autostart, the reminder timer."""
