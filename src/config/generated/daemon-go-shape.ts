/* Generated from schemas/daemon.schema.json by scripts/gen-types.mjs. Do not edit: run `npm run gen:types`. */

/** A daemon.json node as Gas Town's Go encoding/json decodes it. */
export type GoShape = 'int' | 'float' | 'scalar' | { struct: Record<string, GoShape> } | { map: GoShape } | { list: GoShape };

export const DAEMON_GO_SHAPE: GoShape = {
  "struct": {
    "type": "scalar",
    "version": "int",
    "heartbeat": {
      "struct": {
        "enabled": "scalar",
        "interval": "scalar"
      }
    },
    "patrols": {
      "struct": {
        "refinery": {
          "struct": {
            "enabled": "scalar",
            "interval": "scalar",
            "agent": "scalar",
            "rigs": {
              "list": "scalar"
            }
          }
        },
        "witness": {
          "struct": {
            "enabled": "scalar",
            "interval": "scalar",
            "agent": "scalar",
            "rigs": {
              "list": "scalar"
            }
          }
        },
        "deacon": {
          "struct": {
            "enabled": "scalar",
            "interval": "scalar",
            "agent": "scalar",
            "rigs": {
              "list": "scalar"
            }
          }
        },
        "handler": {
          "struct": {
            "enabled": "scalar",
            "interval": "scalar",
            "agent": "scalar",
            "rigs": {
              "list": "scalar"
            }
          }
        },
        "dolt_server": {
          "struct": {
            "enabled": "scalar",
            "external": "scalar",
            "port": "int",
            "host": "scalar",
            "user": "scalar",
            "password": "scalar",
            "data_dir": "scalar",
            "log_file": "scalar",
            "auto_restart": "scalar",
            "restart_delay": "int",
            "max_restart_delay": "int",
            "restart_window": "int",
            "max_restarts_in_window": "int",
            "healthy_reset_interval": "int",
            "health_check_interval": "int"
          }
        },
        "dolt_remotes": {
          "struct": {
            "enabled": "scalar",
            "interval": "int",
            "databases": {
              "list": "scalar"
            },
            "remote": "scalar",
            "branch": "scalar"
          }
        },
        "dolt_backup": {
          "struct": {
            "enabled": "scalar",
            "interval": "scalar",
            "databases": {
              "list": "scalar"
            }
          }
        },
        "jsonl_git_backup": {
          "struct": {
            "enabled": "scalar",
            "interval": "scalar",
            "databases": {
              "list": "scalar"
            },
            "git_repo": "scalar",
            "scrub": "scalar",
            "spike_threshold": "float"
          }
        },
        "wisp_reaper": {
          "struct": {
            "enabled": "scalar",
            "dry_run": "scalar",
            "interval": "scalar",
            "max_age": "scalar",
            "delete_age": "scalar",
            "databases": {
              "list": "scalar"
            }
          }
        },
        "doctor_dog": {
          "struct": {
            "enabled": "scalar",
            "interval": "scalar",
            "databases": {
              "list": "scalar"
            },
            "latency_alert_ms": "float",
            "orphan_alert_count": "int",
            "backup_stale_seconds": "float"
          }
        },
        "compactor_dog": {
          "struct": {
            "enabled": "scalar",
            "interval": "scalar",
            "threshold": "int",
            "databases": {
              "list": "scalar"
            },
            "mode": "scalar",
            "keep_recent": "int"
          }
        },
        "checkpoint_dog": {
          "struct": {
            "enabled": "scalar",
            "interval": "scalar"
          }
        },
        "scheduled_maintenance": {
          "struct": {
            "enabled": "scalar",
            "window": "scalar",
            "interval": "scalar",
            "threshold": "int"
          }
        },
        "main_branch_test": {
          "struct": {
            "enabled": "scalar",
            "interval": "scalar",
            "timeout": "scalar",
            "rigs": {
              "list": "scalar"
            }
          }
        },
        "quota_dog": {
          "struct": {
            "enabled": "scalar",
            "interval": "scalar"
          }
        },
        "restart_tracker": {
          "struct": {
            "initial_backoff": "int",
            "max_backoff": "int",
            "backoff_multiplier": "float",
            "crash_loop_window": "int",
            "crash_loop_count": "int",
            "stability_period": "int"
          }
        }
      }
    },
    "env": {
      "map": "scalar"
    }
  }
};
