"""Desktop integration: D-Bus (notifications, screen inhibit), single instance, tray."""
