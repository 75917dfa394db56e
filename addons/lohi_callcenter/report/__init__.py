from . import lohi_agent_kpi_xlsx
