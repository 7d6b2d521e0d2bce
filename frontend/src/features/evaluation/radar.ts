// The radar of a subject's dimensions (SubjectResultPage): registered with ECharts beside the
// charts the shared EChart wrapper registers, so only the result page's chunk carries it.
import * as echarts from 'echarts/core';
import { RadarChart } from 'echarts/charts';
import { RadarComponent } from 'echarts/components';

echarts.use([RadarChart, RadarComponent]);
